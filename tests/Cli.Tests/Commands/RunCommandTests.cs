using System.Text.Json.Nodes;

namespace NotebookKeras.Cli.Tests.Commands;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nkeras-run-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Notebook(params string[] codeCells)
    {
        var cells = new JsonArray([.. codeCells.Select(code => (JsonNode)new JsonObject
        {
            ["cell_type"] = "code", ["metadata"] = new JsonObject(), ["execution_count"] = null, ["outputs"] = new JsonArray(), ["source"] = code,
        })]);
        var path = Path.Combine(_folder, "test.ipynb");
        File.WriteAllText(path, new JsonObject { ["cells"] = cells, ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5 }.ToJsonString());
        return path;
    }

    [Fact]
    public void ANotebookRunsAndWritesTheExecutedNotebookAndTheReport()
    {
        var input = Notebook("var x = 20;", "x * 2");
        var output = Path.Combine(_folder, "executed.ipynb");
        var html = Path.Combine(_folder, "report.html");
        var (exit, stdout, _) = CommandLineTests.Run("run", input, "-o", output, "--html", html);
        Assert.Equal(0, exit);
        Assert.Contains("[2/2] ok", stdout, StringComparison.Ordinal);
        var cells = JsonNode.Parse(File.ReadAllText(output))!["cells"]!.AsArray();
        Assert.Equal("40", cells[1]!["outputs"]![0]!["data"]!["text/plain"]![0]!.GetValue<string>());
        Assert.Contains("x * 2", File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void AFailingCellStopsTheRunWithExitCode1UnlessErrorsAreAllowed()
    {
        var input = Notebook("throw new InvalidOperationException(\"boom\");", "var reached = true;");
        var output = Path.Combine(_folder, "executed.ipynb");
        var (exit, _, stderr) = CommandLineTests.Run("run", input, "-o", output);
        Assert.Equal(1, exit);
        Assert.Contains("code cell 1 failed: InvalidOperationException: boom", stderr, StringComparison.Ordinal);
        Assert.Null(JsonNode.Parse(File.ReadAllText(output))!["cells"]![1]!["execution_count"]);

        var (allowed, _, _) = CommandLineTests.Run("run", input, "-o", output, "--allow-errors");
        Assert.Equal(0, allowed);
        Assert.Equal(2, JsonNode.Parse(File.ReadAllText(output))!["cells"]![1]!["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public void AScriptPrintsItsTextToTheTerminal()
    {
        var script = Path.Combine(_folder, "hello.csx");
        File.WriteAllText(script, "Console.WriteLine(\"from the script\");\nDisplay(\"displayed\");\n6 * 7");
        var (exit, stdout, _) = CommandLineTests.Run("run", script);
        Assert.Equal(0, exit);
        Assert.Equal($"from the script{Environment.NewLine}displayed{Environment.NewLine}42{Environment.NewLine}", stdout);
    }

    [Fact]
    public void ANotebookRunsInItsFolderAsInJupyter_AndTheShellsFolderIsRestored()
    {
        File.WriteAllText(Path.Combine(_folder, "data.txt"), "beside the notebook");
        var input = Notebook("Console.Write(File.ReadAllText(\"data.txt\"));");
        var shellFolder = Environment.CurrentDirectory;
        Assert.NotEqual(Path.GetFullPath(_folder), Path.GetFullPath(shellFolder));
        var output = Path.Combine(_folder, "executed.ipynb");
        var (exit, _, stderr) = CommandLineTests.Run("run", input, "-o", output);
        Assert.True(exit == 0, stderr);
        Assert.Equal(shellFolder, Environment.CurrentDirectory);
        var cell = JsonNode.Parse(File.ReadAllText(output))!["cells"]![0]!;
        Assert.Equal("stream", (string?)cell["outputs"]![0]!["output_type"]);
        Assert.Contains("beside the notebook", cell["outputs"]![0]!["text"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UsageErrorsExitWith2AndMissingFilesWith1()
    {
        Assert.Equal(2, CommandLineTests.Run("run").Code);
        Assert.Equal(2, CommandLineTests.Run("run", "a.ipynb", "--bogus").Code);
        Assert.Equal(2, CommandLineTests.Run("run", "a.ipynb", "--timeout", "-3").Code);
        var (exit, _, stderr) = CommandLineTests.Run("run", Path.Combine(_folder, "missing.ipynb"));
        Assert.Equal(1, exit);
        Assert.Contains("missing.ipynb", stderr, StringComparison.Ordinal);
    }
}
