using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookKeras.Cli.Tests.Support;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Cli.Tests.Jupyter;

/// <summary>
/// Every notebook in notebooks/ executes through real Jupyter (nbconvert --execute with the NotebookKeras kernel) with no
/// error, and `nkeras run` gives the same outputs, timings aside.
/// </summary>
public sealed partial class NotebookExecutionTests(JupyterKernelFixture jupyter) : IClassFixture<JupyterKernelFixture>
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
        // A process of its own, as Jupyter's kernel has: Keras's layer-name counters are per process.
        var run = ProcessRunner.Run(ProcessRunner.Dotnet, [typeof(CommandLine).Assembly.Location, "run", source, "-o", viaRunner],
            Repository.PathOf("notebooks"), jupyter.Environment, TimeSpan.FromMinutes(12));
        Assert.True(run.ExitCode == 0, run.Describe($"nkeras run {notebook}"));

        var expected = Outputs(viaJupyter);
        var actual = Outputs(viaRunner);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
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

    [GeneratedRegex(@"\d+(\.\d+)?\s?(ms|s|us|µs)(/step|/sample)?\b|[0-9a-f]{32}|0x[0-9a-f]+|\d+(\.\d+)?\s?(seconds|secs)")]
    private static partial Regex Volatile();
}
