using System.Text.RegularExpressions;

namespace NotebookKeras.Cli.Tests;

public class CommandLineTests
{
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void HelpPrintsUsage()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("example mlp", output);
    }

    [Fact]
    public void UnknownCommandsAndOptionsAreUsageErrors()
    {
        var (code, _, err) = Run("frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("unknown command 'frobnicate'", err);
        (code, _, err) = Run("example", "mlp", "--epochs", "zero");
        Assert.Equal(2, code);
        Assert.Contains("--epochs expects an integer, got 'zero'", err);
        (code, _, err) = Run("example", "mlp", "--bogus");
        Assert.Equal(2, code);
        Assert.Contains("unknown option '--bogus'", err);
    }

    [Fact]
    public void MissingDatasetIsAClearError()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var (code, _, err) = Run("example", "mlp", "--data", dir);
        Assert.Equal(1, code);
        Assert.Contains("dataset-fashion-mnist", err);
    }
}
