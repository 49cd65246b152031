using System.Globalization;
using NotebookKeras.Cli.Commands;
using NotebookKeras.Cli.Examples;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Cli;

/// <summary>The nkeras command line: parses a sub-command and its options, and runs it.</summary>
internal static class CommandLine
{
    private const string Usage = """
        usage: nkeras <command> [options]

        commands:
          run FILE      run a notebook (.ipynb, .dib) cell by cell, or a C# script (.csx), headless
                        options: -o OUT.ipynb (write the executed notebook)  --html REPORT.html (self-contained report)
                                 --allow-errors (run every cell; exit 0)  --timeout S (interrupt a cell after S seconds)
          kernel install   install the Jupyter kernelspec "NotebookKeras (C#)"   options: --user (default)  --prefix DIR
          kernel --connection-file FILE   serve as a Jupyter kernel (Jupyter starts this through the kernelspec)
          example mlp   train a 784-128-10 MLP on Fashion-MNIST, written directly with Ops and the GradientTape
                        options: --epochs N (5)  --batch-size N (128)  --hidden N (128)  --learning-rate F (0.001)
                                 --seed N (42)  --limit N (use the first N samples of each split)  --data DIR
          example custom-layers   the seed's SimpleDense and ComputeSum layers, written in C#
          example basic-classification   TensorFlow's basic classification: Flatten, Dense 128 relu, Dense 10 on Fashion-MNIST
                        with Adam, compiled and fitted with Keras's API; prints the History and the test accuracy
                        options: --epochs N (10)  --batch-size N (32)  --seed N (42)  --limit N  --data DIR
          example sequence-classifier   Embedding 20000x128, LSTM 64, Dense 1 sigmoid on a generated order task (is marker A
                        before marker B?) over masked sequences of up to 200 words; prints the validation accuracy
                        options: --epochs N (2)  --batch-size N (32)  --samples N (8000)  --length N (200)  --seed N (42)
          example time-series   a GRU forecaster on a generated seasonal series; prints its test MAE and the naive baselines'
                        options: --epochs N (4)  --batch-size N (32)  --hours N (3000)  --window N (48)  --seed N (42)
          example mnist-convnet   Keras's simple MNIST convnet (Conv2D 32, MaxPooling2D, Conv2D 64, MaxPooling2D, Dropout,
                        Dense 10 softmax) on Fashion-MNIST with Adam and validation_split 0.1; prints the History and the test accuracy
                        options: --epochs N (15)  --batch-size N (128)  --seed N (42)  --validation-split F (0.1; 0 trains on
                                 all 60,000 images)  --limit N  --data DIR
          predict MODEL --input x.npy [--input x2.npy ...] --output y.npy [--output y2.npy ...]
                        run the model on .npy inputs (in model-input order); write each output (in model-output order)
                        as a float32 .npy.  options: --batch-size N (32)  --weights W
          summary MODEL   print the model's Keras summary: layers, output shapes, parameter counts
          convert MODEL --output OUT.keras   write the model as a Keras 3 archive (loadable by Python Keras)

        MODEL is a Keras 3 .keras archive, a Keras .h5 file, a TensorFlow.js model.json (weight shards beside it), or a
        Keras model JSON (model.to_json()) with its weights given by --weights W.weights.h5 (or a Keras .h5).
        """;

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            return args switch
            {
                ["run", .. var rest] => RunCommand.Run(rest, stdout, stderr),
                ["kernel", .. var rest] => KernelCommand.Run(rest, stdout, stderr),
                ["example", "mlp", .. var rest] => RunMlp(rest, stdout),
                ["example", "custom-layers"] => RunCustomLayers(stdout),
                ["example", "basic-classification", .. var rest] => RunBasicClassification(rest, stdout),
                ["predict", .. var rest] => RunModelCommand(() => PredictCommand.Run(rest, stdout), stderr),
                ["summary", .. var rest] => RunModelCommand(() => SummaryCommand.Run(rest, stdout), stderr),
                ["convert", .. var rest] => RunModelCommand(() => ConvertCommand.Run(rest, stdout), stderr),
                ["example", "sequence-classifier", .. var rest] => RunSequenceClassifier(rest, stdout),
                ["example", "time-series", .. var rest] => RunTimeSeries(rest, stdout),
                ["example", "mnist-convnet", .. var rest] => RunMnistConvnet(rest, stdout),
                ["example", ..] => throw new UsageException($"unknown example '{string.Join(' ', args.Skip(1))}' (available: mlp, custom-layers, basic-classification, mnist-convnet, sequence-classifier, time-series)"),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"nkeras: {e.Message}");
            stderr.WriteLine(Usage);
            return 2;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or KerasFormatException
                                      or NpyFormatException or CommandException)
        {
            stderr.WriteLine($"nkeras: {e.Message}");
            return 1;
        }
    }

    private static int RunMlp(string[] args, TextWriter stdout)
    {
        var options = new MlpExample.Options();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"option {name} needs a value");
            options = name switch
            {
                "--epochs" => options with { Epochs = Positive(name, Value()) },
                "--batch-size" => options with { BatchSize = Positive(name, Value()) },
                "--hidden" => options with { Hidden = Positive(name, Value()) },
                "--learning-rate" => options with { LearningRate = PositiveFloat(name, Value()) },
                "--seed" => options with { Seed = Integer(name, Value()) },
                "--limit" => options with { Limit = Positive(name, Value()) },
                "--data" => options with { DataDirectory = Value() },
                _ => throw new UsageException($"unknown option '{name}' for 'example mlp'"),
            };
        }
        new MlpExample(options, stdout).Run();
        return 0;
    }

    private static int RunBasicClassification(string[] args, TextWriter stdout)
    {
        var options = new BasicClassificationExample.Options();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"option {name} needs a value");
            options = name switch
            {
                "--epochs" => options with { Epochs = Positive(name, Value()) },
                "--batch-size" => options with { BatchSize = Positive(name, Value()) },
                "--seed" => options with { Seed = Integer(name, Value()) },
                "--limit" => options with { Limit = Positive(name, Value()) },
                "--data" => options with { DataDirectory = Value() },
                _ => throw new UsageException($"unknown option '{name}' for 'example basic-classification'"),
            };
        }
        new BasicClassificationExample(options, stdout).Run();
        return 0;
    }

    // In a model command, an ArgumentException is about the user's files (data whose shape does not fit the model, a file
    // name of a form NotebookKeras does not read): an error message, not a crash.
    private static int RunModelCommand(Func<int> command, TextWriter stderr)
    {
        try
        {
            return command();
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"nkeras: {e.Message}");
            return 1;
        }
    }

    private static int RunSequenceClassifier(string[] args, TextWriter stdout)
    {
        var options = ParseOptions(args, "sequence-classifier", new SequenceClassifierExample.Options(), (o, name, value) => name switch
        {
            "--epochs" => o with { Epochs = Positive(name, value()) },
            "--batch-size" => o with { BatchSize = Positive(name, value()) },
            "--samples" => o with { Samples = Positive(name, value()) },
            "--length" => o with { SequenceLength = Positive(name, value()) },
            "--seed" => o with { Seed = Integer(name, value()) },
            _ => null,
        });
        new SequenceClassifierExample(options, stdout).Run();
        return 0;
    }

    private static int RunTimeSeries(string[] args, TextWriter stdout)
    {
        var options = ParseOptions(args, "time-series", new TimeSeriesExample.Options(), (o, name, value) => name switch
        {
            "--epochs" => o with { Epochs = Positive(name, value()) },
            "--batch-size" => o with { BatchSize = Positive(name, value()) },
            "--hours" => o with { Hours = Positive(name, value()) },
            "--window" => o with { Window = Positive(name, value()) },
            "--seed" => o with { Seed = Integer(name, value()) },
            _ => null,
        });
        new TimeSeriesExample(options, stdout).Run();
        return 0;
    }

    private static int RunMnistConvnet(string[] args, TextWriter stdout)
    {
        var options = ParseOptions(args, "mnist-convnet", new MnistConvnetExample.Options(), (o, name, value) => name switch
        {
            "--epochs" => o with { Epochs = Positive(name, value()) },
            "--batch-size" => o with { BatchSize = Positive(name, value()) },
            "--seed" => o with { Seed = Integer(name, value()) },
            "--validation-split" => o with { ValidationSplit = Fraction(name, value()) },
            "--limit" => o with { Limit = Positive(name, value()) },
            "--data" => o with { DataDirectory = value() },
            _ => null,
        });
        new MnistConvnetExample(options, stdout).Run();
        return 0;
    }

    /// <summary>Folds "--name value" pairs into an example's options; <paramref name="apply"/> returns null for an unknown name.</summary>
    private static T ParseOptions<T>(string[] args, string example, T options, Func<T, string, Func<string>, T?> apply) where T : class
    {
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"option {name} needs a value");
            options = apply(options, name, Value) ?? throw new UsageException($"unknown option '{name}' for 'example {example}'");
        }
        return options;
    }

    private static int RunCustomLayers(TextWriter stdout)
    {
        CustomLayersExample.Run(stdout);
        return 0;
    }

    private static int Integer(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new UsageException($"option {option} expects an integer, got '{value}'");

    internal static int Positive(string option, string value) =>
        Integer(option, value) is var n and > 0 ? n : throw new UsageException($"option {option} expects a positive integer, got '{value}'");

    private static float PositiveFloat(string option, string value) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0
            ? f
            : throw new UsageException($"option {option} expects a positive number, got '{value}'");

    private static float Fraction(string option, string value) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f is >= 0 and < 1
            ? f
            : throw new UsageException($"option {option} expects a number from 0 up to (not including) 1, got '{value}'");

    /// <summary>A malformed command line: exit code 2, with the usage text.</summary>
    internal sealed class UsageException(string message) : Exception(message);
}
