using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookKeras.Cli.Tests.Browser;
using NotebookKeras.Cli.Tests.Support;
using NotebookKeras.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace NotebookKeras.Cli.Tests.Jupyter;

/// <summary>
/// Every notebook in notebooks/ executes through real Jupyter (nbconvert --execute with the NotebookKeras kernel) with no
/// error, and `nkeras run` gives the same outputs, timings aside; the HTML report of that run draws every chart, model graph
/// and image in headless Chromium, offline (its screenshot goes to artifacts/browser/).
/// </summary>
public sealed partial class NotebookExecutionTests(JupyterKernelFixture jupyter, ITestOutputHelper output) : IClassFixture<JupyterKernelFixture>
{
    public static TheoryData<string> Notebooks() =>
        [.. Directory.GetFiles(Repository.PathOf("notebooks"), "*.ipynb").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void NbconvertAndNkerasRunGiveTheSameOutputs(string notebook)
    {
        using var work = new TemporaryFolder("notebook");
        var source = Repository.PathOf("notebooks", notebook);
        var viaJupyter = Path.Combine(work.Path, "jupyter.ipynb");
        var nbconvert = ProcessRunner.Run("jupyter", ["nbconvert", "--to", "notebook", "--execute", source, "--output-dir", work.Path,
            "--output", "jupyter.ipynb", $"--ExecutePreprocessor.kernel_name=nkeras", "--ExecutePreprocessor.timeout=600"],
            Repository.PathOf("notebooks"), jupyter.Environment, TimeSpan.FromMinutes(12));
        Assert.True(nbconvert.ExitCode == 0, nbconvert.Describe($"jupyter nbconvert --execute {notebook}"));

        var viaRunner = Path.Combine(work.Path, "runner.ipynb");
        var report = Path.Combine(work.Path, "report.html");
        // A process of its own, as Jupyter's kernel has: Keras's layer-name counters are per process.
        var run = ProcessRunner.Run(ProcessRunner.Dotnet, [typeof(CommandLine).Assembly.Location, "run", source, "-o", viaRunner, "--html", report],
            Repository.PathOf("notebooks"), jupyter.Environment, TimeSpan.FromMinutes(12));
        Assert.True(run.ExitCode == 0, run.Describe($"nkeras run {notebook}"));

        var expected = Outputs(viaJupyter);
        var actual = Outputs(viaRunner);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);

        CheckInBrowser(notebook, report, viaRunner);
    }

    // Every chart, model graph and image of the report drew; each model graph has the boxes and edges of the summary printed
    // with it (the same output's text/plain), which the summary code computes from the model, apart from the SVG.
    private void CheckInBrowser(string notebook, string report, string executed)
    {
        var screenshot = Repository.PathOf("artifacts", "browser", Path.ChangeExtension(notebook, ".png"));
        var findings = RenderCheck.Run(report, screenshot);
        var description = findings.Describe($"the report of {notebook} (screenshot: {screenshot})");
        output.WriteLine(description);
        Assert.True(!findings.Problems().Any(), description);

        var summaries = new List<SummaryGraph?>();
        foreach (var data in JsonNode.Parse(File.ReadAllText(executed))!["cells"]!.AsArray().SelectMany(c => c!["outputs"] as JsonArray ?? []).Select(o => o!["data"]).OfType<JsonObject>())
        {
            var graphs = ModelGraphSvg().Count(Text(data["text/html"]));
            for (var i = 0; i < graphs; i++) summaries.Add(graphs == 1 ? SummaryGraph.Parse(Text(data["text/plain"])) : null);
        }
        Assert.True(summaries.Count == findings.Graphs.Count, $"{notebook}: {summaries.Count} model graph(s) in the outputs, {findings.Graphs.Count} drawn in the report");
        foreach (var (graph, expected) in findings.Graphs.Zip(summaries))
        {
            if (expected is null) continue;
            Assert.Equal(expected.Model, graph.Title);
            Assert.Equal(expected.Layers.Order(StringComparer.Ordinal), graph.Layers.Order(StringComparer.Ordinal));
            Assert.True(expected.Edges == graph.Edges.Count, $"{notebook}: model graph \"{graph.Title}\" has {graph.Edges.Count} edges; its summary implies {expected.Edges}");
        }
    }

    /// <summary>Per code cell, its outputs as "type: mime=value" lines with timings and memory addresses masked.</summary>
    private static List<string> Outputs(string path)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(path))!;
        var cells = new List<string>();
        foreach (var cell in notebook["cells"]!.AsArray())
        {
            if (cell!["cell_type"]!.GetValue<string>() != "code") continue;
            var lines = new List<string>();
            foreach (var output in cell["outputs"]!.AsArray())
            {
                var type = output!["output_type"]!.GetValue<string>();
                // Streams are split into chunks differently by the two hosts: compare their joined text.
                if (type == "stream") lines.Add($"stream {output["name"]}: {Mask(Text(output["text"]))}");
                else if (output["data"] is JsonObject data)
                    lines.Add($"{type}: " + string.Join(" | ", data.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Mask(Text(p.Value))}")));
                else lines.Add($"{type}: {output["ename"]}");
            }
            cells.Add(string.Join("\n", MergeStreams(lines)));
        }
        return cells;
    }

    private static IEnumerable<string> MergeStreams(List<string> lines)
    {
        string? pending = null;
        foreach (var line in lines)
        {
            if (pending is not null && line.StartsWith("stream ", StringComparison.Ordinal) && line[..line.IndexOf(':')] == pending[..pending.IndexOf(':')])
            {
                pending += line[(line.IndexOf(':') + 2)..];
                continue;
            }
            if (pending is not null) yield return pending;
            pending = line.StartsWith("stream ", StringComparison.Ordinal) ? line : null;
            if (pending is null) yield return line;
        }
        if (pending is not null) yield return pending;
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray parts => string.Concat(parts.Select(p => p!.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => node?.ToJsonString() ?? "",
    };

    // Durations ("3s", "12ms/step", "0.52 s"), ids and hex addresses differ between runs.
    private static string Mask(string text) => Volatile().Replace(text, "#");

    [GeneratedRegex("<svg [^>]*class=\"nk-model-graph\"")]
    private static partial Regex ModelGraphSvg();

    [GeneratedRegex(@"\d+(\.\d+)?\s?(ms|s|us|µs)(/step|/sample)?\b|[0-9a-f]{32}|0x[0-9a-f]+|\d+(\.\d+)?\s?(seconds|secs)")]
    private static partial Regex Volatile();
}
