using System.Globalization;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Cli.Commands;

/// <summary>
/// <c>nkeras predict MODEL --input x.npy [--input x2.npy ...] --output y.npy [--output y2.npy ...] [--batch-size N]
/// [--weights W]</c>: runs Keras's <c>model.predict</c> on <c>.npy</c> inputs (in model-input order) and writes each output
/// (in model-output order) as a float32 <c>.npy</c>, atomically.
/// </summary>
internal static class PredictCommand
{
    public static int Run(string[] args, TextWriter stdout)
    {
        var arguments = CommandArguments.Parse("predict", args, ["--batch-size", "--weights"], ["--input", "--output"]);
        var inputFiles = arguments.All("--input");
        var outputFiles = arguments.All("--output");
        if (inputFiles.Count == 0) throw new CommandLine.UsageException("'predict' needs --input x.npy (one per model input)");
        if (outputFiles.Count == 0) throw new CommandLine.UsageException("'predict' needs --output y.npy (one per model output)");
        int? batchSize = arguments.One("--batch-size") is { } b ? CommandLine.Positive("--batch-size", b) : null;

        var model = ModelFile.Load(arguments.Model, arguments.One("--weights"));
        var (inputs, outputs) = Arity(model);
        if (inputs is { } n && n != inputFiles.Count)
            throw new CommandException($"model '{model.Name}' ({arguments.Model}) has {n} input{Plural(n)} ({Names(model, true)}), but {inputFiles.Count} --input file{Plural(inputFiles.Count)} {(inputFiles.Count == 1 ? "was" : "were")} given.");
        if (outputs is { } m && m != outputFiles.Count)
            throw new CommandException($"model '{model.Name}' ({arguments.Model}) has {m} output{Plural(m)} ({Names(model, false)}), but {outputFiles.Count} --output file{Plural(outputFiles.Count)} {(outputFiles.Count == 1 ? "was" : "were")} given.");

        var x = inputFiles.Select(NpyFile.Read).ToArray();
        var y = model.PredictMany(x, batchSize, verbose: 0);
        if (y.Count != outputFiles.Count)
            throw new CommandException($"model '{model.Name}' ({arguments.Model}) gave {y.Count} outputs, but {outputFiles.Count} --output files were given.");
        for (var i = 0; i < y.Count; i++)
        {
            // Outputs are written as float32, as Keras's predict returns them (an integer output is converted).
            var output = y[i].DType == DType.Float32 ? y[i] : Tensor.FromArray(Array.ConvertAll(y[i].AsIntSpan().ToArray(), v => (float)v), y[i].Shape.ToArray());
            NpyFile.Write(outputFiles[i], output);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {outputFiles[i]} {output.Shape}"));
        }
        return 0;
    }

    // A graph model's input and output counts (a model subclassed in C# has none declared: predict tells).
    private static (int? Inputs, int? Outputs) Arity(Model model) => model switch
    {
        Functional f => (f.Inputs.Count, f.Outputs.Count),
        Sequential => (1, 1),
        _ => (null, null),
    };

    private static string Names(Model model, bool inputs) => model is Functional f
        ? string.Join(", ", (inputs ? f.InputNames : f.OutputNames).Select(n => $"'{n}'"))
        : "one tensor";

    private static string Plural(int n) => n == 1 ? "" : "s";
}
