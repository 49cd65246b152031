namespace NotebookKeras.Cli.Commands;

/// <summary>
/// <c>nkeras convert MODEL --output OUT.keras [--weights W]</c>: writes the model, read in any form NotebookKeras reads, as
/// the canonical Keras 3 archive (loadable by Python Keras's <c>keras.saving.load_model</c>).
/// </summary>
internal static class ConvertCommand
{
    public static int Run(string[] args, TextWriter stdout)
    {
        var arguments = CommandArguments.Parse("convert", args, ["--output", "--weights"], []);
        var output = arguments.One("--output") ?? throw new CommandLine.UsageException("'convert' needs --output OUT.keras");
        if (!output.EndsWith(".keras", StringComparison.OrdinalIgnoreCase))
            throw new CommandLine.UsageException($"'convert' writes a Keras 3 archive, whose name ends in .keras; got '{output}'");
        var model = ModelFile.Load(arguments.Model, arguments.One("--weights"));
        model.Save(output);
        stdout.WriteLine($"wrote {output} ({model.CountParams()} parameters)");
        return 0;
    }
}
