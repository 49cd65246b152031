namespace NotebookKeras.Cli.Commands;

/// <summary><c>nkeras summary MODEL [--weights W]</c>: prints Keras's model summary (layers, output shapes, parameters).</summary>
internal static class SummaryCommand
{
    public static int Run(string[] args, TextWriter stdout)
    {
        var arguments = CommandArguments.Parse("summary", args, ["--weights"], []);
        var model = ModelFile.Load(arguments.Model, arguments.One("--weights"));
        stdout.WriteLine(model.Summary());
        return 0;
    }
}
