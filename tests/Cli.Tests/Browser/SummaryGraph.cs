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
        foreach (var row in Rows(text))
        {
            // A nested model's rows start with "└" (only with expandNested, which the displayed graph does not use).
            if (LayerCell().Match(row[0]) is { Success: true } layer) layers.Add(layer.Groups[1].Value);
            if (connected) references += Reference().Count(row[^1]);
        }
        return new SummaryGraph(title.Groups[1].Value, layers, connected ? references : Math.Max(0, layers.Count - 1));
    }

    // Rich's table: the header row is drawn with heavy lines and "┡" ends it; a row is "│ cell │ cell │" lines, its cells wrapped
    // over several lines when long, and rows are separated by "├" lines.
    private static IEnumerable<string[]> Rows(string text)
    {
        List<string[]>? row = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('┡') || line.StartsWith('├') || line.StartsWith('└'))
            {
                if (row is { Count: > 0 }) yield return Join(row);
                row = line.StartsWith('└') ? null : [];
            }
            else if (row is not null && line.StartsWith('│'))
            {
                row.Add(line.Split('│')[1..^1]);
            }
        }
    }

    // A cell's lines back into one string: rich wraps at spaces and folds a word longer than the cell, so joining the pieces
    // with nothing keeps every name whole (only the space before "(Class)" or after a comma may go, which the patterns allow).
    private static string[] Join(List<string[]> lines) =>
        [.. Enumerable.Range(0, lines[0].Length).Select(c => string.Concat(lines.Select(l => l[c].Trim())))];

    [GeneratedRegex("^Model: \"([^\"]+)\"")]
    private static partial Regex Title();

    [GeneratedRegex(@"^([^\s(]+) ?\([^)]+\)$")]
    private static partial Regex LayerCell();

    [GeneratedRegex(@"[^\s,\[]+\[\d+\]\[\d+\]")]
    private static partial Regex Reference();
}
