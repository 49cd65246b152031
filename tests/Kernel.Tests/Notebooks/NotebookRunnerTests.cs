using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookKeras.Kernel.Execution;
using NotebookKeras.Kernel.Notebooks;
using NotebookKeras.Kernel.Tests.Support;

namespace NotebookKeras.Kernel.Tests.Notebooks;

public partial class NotebookRunnerTests
{
    private const string Every = """
        {"cells": [
          {"cell_type": "markdown", "id": "intro", "metadata": {"keep": 1}, "source": ["# Title\n", "Some *text*, a [link](https://example.org) and `code`."]},
          {"cell_type": "code", "metadata": {"tags": ["first"]}, "execution_count": null, "outputs": [{"output_type": "stream", "name": "stdout", "text": "stale"}],
           "source": ["var h = Display(\"step 0\");\n", "Console.WriteLine(\"hello\");\n", "Console.WriteLine(\"world\");\n", "Console.Error.WriteLine(\"careful\");\n", "1 + 1"]},
          {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": "h.Update(\"step 9\");\nOnes(2, 2)"},
          {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": "throw new InvalidOperationException(\"boom\");"},
          {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": "var after = 3;\nafter"}
        ], "metadata": {"custom": {"a": 1}}, "nbformat": 4, "nbformat_minor": 4}
        """;

    [Fact]
    public async Task EveryOutputKindIsRecordedAsNbformat()
    {
        var notebook = NotebookDocument.Parse(Every);
        var run = await new NotebookRunner(new NotebookRunner.Options(AllowErrors: true)).RunAsync(notebook);
        Assert.False(run.Stopped);
        Assert.Equal(4, run.Cells.Count);

        var saved = JsonNode.Parse(notebook.ToJson())!.AsObject();
        AssertValidNbformat(saved);
        Assert.Equal(1, saved["metadata"]!["custom"]!["a"]!.GetValue<int>());
        var cells = saved["cells"]!.AsArray();
        Assert.Equal("intro", cells[0]!["id"]!.GetValue<string>());
        Assert.Equal("first", cells[1]!["metadata"]!["tags"]![0]!.GetValue<string>());

        var first = cells[1]!["outputs"]!.AsArray();
        Assert.Equal(["display_data", "stream", "stream", "execute_result"], first.Select(o => o!["output_type"]!.GetValue<string>()));
        // The update from the next cell was applied to the display, as nbclient does.
        Assert.Equal("step 9", Text(first[0]!["data"]!["text/plain"]));
        Assert.Equal(("stdout", "hello\nworld\n"), (first[1]!["name"]!.GetValue<string>(), Text(first[1]!["text"])));
        Assert.Equal(("stderr", "careful\n"), (first[2]!["name"]!.GetValue<string>(), Text(first[2]!["text"])));
        Assert.Equal(1, first[3]!["execution_count"]!.GetValue<int>());
        Assert.Equal("2", Text(first[3]!["data"]!["text/plain"]));

        var second = cells[2]!["outputs"]!.AsArray();
        Assert.Contains("shape (2, 2)", Text(Assert.Single(second)!["data"]!["text/html"]), StringComparison.Ordinal);

        var error = Assert.Single(cells[3]!["outputs"]!.AsArray())!;
        Assert.Equal(("error", "InvalidOperationException", "boom"),
            (error["output_type"]!.GetValue<string>(), error["ename"]!.GetValue<string>(), error["evalue"]!.GetValue<string>()));
        Assert.Equal("System.InvalidOperationException: boom", error["traceback"]![0]!.GetValue<string>());
        Assert.Equal(4, cells[4]!["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task TheRunStopsAtTheFirstFailingCellUnlessErrorsAreAllowed()
    {
        var notebook = NotebookDocument.Parse(Every);
        var run = await new NotebookRunner(new NotebookRunner.Options()).RunAsync(notebook);
        Assert.True(run.Stopped);
        Assert.Equal(3, run.Cells.Count);
        Assert.Equal(3, run.FirstFailure!.CellIndex);
        var last = notebook.Cells[4]!.AsObject();
        Assert.Null(last["execution_count"]);
        Assert.Empty(last["outputs"]!.AsArray());
    }

    [Fact]
    public async Task ACellPastTheTimeoutIsInterrupted()
    {
        // A warm session, so the timeout measures the loop rather than Roslyn's first compilation on a busy machine.
        var session = new ScriptSession();
        await session.ExecuteAsync("var warm = 1;", new RecordingSink());
        var notebook = NotebookDocument.Create([("code", "while (true) { }"), ("code", "warm + 1")]);
        var run = await new NotebookRunner(new NotebookRunner.Options(AllowErrors: true, Timeout: TimeSpan.FromSeconds(3))).RunAsync(notebook, session, default);
        Assert.Equal("CellTimeoutError", run.Cells[0].Result.Error!.Name);
        // The loop stopped, so the session goes on with the next cell.
        Assert.True(run.Cells[1].Result.Succeeded, run.Cells[1].Result.Error?.Value);
    }

    [Fact]
    public async Task TheHtmlReportIsSelfContained()
    {
        var notebook = NotebookDocument.Parse(Every);
        await new NotebookRunner(new NotebookRunner.Options(AllowErrors: true)).RunAsync(notebook);
        var html = HtmlReport.Render(notebook, "every <output>");
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<title>every &lt;output&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Title</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<em>text</em>", html, StringComparison.Ordinal);
        Assert.Contains("<code>code</code>", html, StringComparison.Ordinal);
        Assert.Contains("Console.WriteLine(&quot;hello&quot;)", html, StringComparison.Ordinal);
        Assert.Contains("class=\"nk-tensor\"", html, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: boom", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalReference(), html);
    }

    [Fact]
    public void DibFilesBecomeNotebooks()
    {
        var notebook = NotebookDocument.FromDib("#!meta\n{\"kernelInfo\":{}}\n\n#!markdown\n\n# Hi\n\n#!csharp\n\nvar x = 1;\nx\n");
        var cells = notebook.Cells.Select(c => (c!["cell_type"]!.GetValue<string>(), NotebookDocument.Source(c.AsObject()))).ToArray();
        Assert.Equal([("markdown", "# Hi"), ("code", "var x = 1;\nx")], cells);
        AssertValidNbformat(JsonNode.Parse(notebook.ToJson())!.AsObject());
    }

    [Fact]
    public void NotebooksThatAreNotNbformat4AreRejected()
    {
        var e = Assert.Throws<InvalidDataException>(() => NotebookDocument.Parse("{\"nbformat\": 3, \"cells\": []}", "old.ipynb"));
        Assert.Contains("old.ipynb", e.Message, StringComparison.Ordinal);
        Assert.Contains("nbformat 4", e.Message, StringComparison.Ordinal);
    }

    private static string Text(JsonNode? node) => NotebookDocument.Text(node);

    // The structure nbformat 4.5's schema requires of what the runner writes.
    private static void AssertValidNbformat(JsonObject notebook)
    {
        Assert.Equal(4, notebook["nbformat"]!.GetValue<int>());
        Assert.True(notebook["nbformat_minor"]!.GetValue<int>() >= 5);
        Assert.IsType<JsonObject>(notebook["metadata"]);
        var ids = new HashSet<string>();
        foreach (var cell in notebook["cells"]!.AsArray().Select(c => c!.AsObject()))
        {
            var id = cell["id"]!.GetValue<string>();
            Assert.Matches(CellId(), id);
            Assert.True(ids.Add(id), $"duplicate cell id {id}");
            Assert.IsType<JsonObject>(cell["metadata"]);
            Assert.NotNull(cell["source"]);
            if (cell["cell_type"]!.GetValue<string>() != "code")
            {
                Assert.Null(cell["outputs"]);
                continue;
            }
            Assert.True(cell.ContainsKey("execution_count"));
            foreach (var output in cell["outputs"]!.AsArray().Select(o => o!.AsObject()))
            {
                string[] required = output["output_type"]!.GetValue<string>() switch
                {
                    "stream" => ["name", "text"],
                    "display_data" => ["data", "metadata"],
                    "execute_result" => ["data", "metadata", "execution_count"],
                    "error" => ["ename", "evalue", "traceback"],
                    var other => throw new Xunit.Sdk.XunitException($"unknown output_type {other}"),
                };
                Assert.All(required, key => Assert.True(output.ContainsKey(key), $"{output["output_type"]} lacks {key}"));
            }
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9-_]{1,64}$")]
    private static partial Regex CellId();

    [GeneratedRegex("""(src|href)\s*=\s*["']?\s*(https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
