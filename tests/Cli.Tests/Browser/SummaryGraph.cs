using System.Text.RegularExpressions;

namespace NotebookKeras.Cli.Tests.Browser;

/// <summary>
/// The boxes and edges a model's graph must have, read from the model's text summary (a notebook output's text/plain), which is
/// written from the model by other code than the SVG: one box per top-level row, and one edge per "Connected to" reference,
/// or, for a chain (no such column), one edge between each pair of consecutive rows.
/// </summary>
internal sealed partial record SummaryGraph(string Model, IReadOnlyList<string> Layers, int Edges)
{
    /// <summary>The graph a summary implies, or null when <paramref name="text"/> is not a model summary.</summary>
    public static SummaryGraph? Parse(string text)
    {
        var title = Title().Match(text);
        if (!title.Success) return null;
        var layers = new List<string>();
        var references = 0;
        var connected = text.Contains("Connected to", StringComparison.Ordinal);
        var body = false;
        foreach (var line in text.Split('\n'))
        {
            // Rich's table: the header row is drawn with heavy lines, and "┡" ends it; body rows are "│ cell │ cell │".
            if (line.StartsWith('┡')) body = true;
            if (!body || !line.StartsWith('│')) continue;
            var cells = line.Split('│');
            // A wrapped row continues on lines whose first cell holds no "name (Class)"; a nested model's rows start with "└".
            if (LayerCell().Match(cells[1].Trim()) is { Success: true } layer) layers.Add(layer.Groups[1].Value);
            if (connected) references += Reference().Count(cells[^2]);
        }
        return new SummaryGraph(title.Groups[1].Value, layers, connected ? references : Math.Max(0, layers.Count - 1));
    }

    [GeneratedRegex("^Model: \"([^\"]+)\"")]
    private static partial Regex Title();

    [GeneratedRegex(@"^(\S+) \([^)]+\)$")]
    private static partial Regex LayerCell();

    [GeneratedRegex(@"[^\s,\[]+\[\d+\]\[\d+\]")]
    private static partial Regex Reference();
}
