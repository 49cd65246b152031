using System.Text.RegularExpressions;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Visualizers.Models;

namespace NotebookKeras.Visualizers.Tests.Models;

public class ModelSummaryHtmlTests
{
    [Fact]
    public void SequentialHasKerasColumnsRowsAndTotals()
    {
        var model = new Sequential(
            [new InputLayer(new Shape(784)), new Dense(64, "relu", name: "dense"), new Dense(10, name: "dense_1")],
            name: "sequential");
        var html = ModelSummaryHtml.ToHtml(model);
        Assert.Equal(["Layer (type)", "Output Shape", "Param #"], Headers(html));
        Assert.Equal(
            [["dense (Dense)", "(None, 64)", "50,240"], ["dense_1 (Dense)", "(None, 10)", "650"]],
            BodyRows(html));
        // The same totals lines as the text summary prints.
        var text = model.Summary();
        foreach (var line in TotalsLines(text)) Assert.Contains(line, html, StringComparison.Ordinal);
        Assert.Contains("Total params: 50,890 (198.79 KB)", html, StringComparison.Ordinal);
        Assert.Contains("Model: &quot;sequential&quot;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionalWithTwoInputsHasConnectedTo()
    {
        var a = InputLayer.Create(new Shape(4), name: "left");
        var b = InputLayer.Create(new Shape(4), name: "right");
        var shared = new Dense(3, name: "shared");
        var head = new Dense(1, name: "head");
        var model = new Functional([a, b], [shared.Apply(a), head.Apply(shared.Apply(b))], name: "two");
        var html = ModelSummaryHtml.ToHtml(model);
        Assert.Equal(["Layer (type)", "Output Shape", "Param #", "Connected to"], Headers(html));
        var rows = BodyRows(html);
        Assert.Equal(["left (InputLayer)", "(None, 4)", "0", "-"], rows[0]);
        Assert.Equal(["right (InputLayer)", "(None, 4)", "0", "-"], rows[1]);
        Assert.Equal(["shared (Dense)", "(None, 3)", "15", "left[0][0], right[0][0]"], rows[2]);
        Assert.Equal(["head (Dense)", "(None, 1)", "4", "shared[1][0]"], rows[3]);
        Assert.Equal(4, rows.Count);
        // Every cell matches the text summary's row for that layer.
        var text = model.Summary();
        foreach (var row in rows) Assert.Contains($"│ {row[0]}", text, StringComparison.Ordinal);
        foreach (var line in TotalsLines(text)) Assert.Contains(line, html, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedModelIsCollapsibleAndFrozenLayersAreMarked()
    {
        var inner = new Sequential([new InputLayer(new Shape(3)), new Dense(5, name: "inner_dense")], name: "encoder");
        var frozen = new Dense(2, name: "frozen_head");
        var outer = new Sequential([new InputLayer(new Shape(3)), inner, frozen], name: "outer");
        frozen.Trainable = false;
        var html = ModelSummaryHtml.ToHtml(outer);

        Assert.Single(Regex.Matches(html, "<details>"));
        var details = html[html.IndexOf("<details>", StringComparison.Ordinal)..html.IndexOf("</details>", StringComparison.Ordinal)];
        Assert.Contains("<summary>encoder layers</summary>", details, StringComparison.Ordinal);
        Assert.Equal([["inner_dense (Dense)", "(None, 5)", "20"]], BodyRows(details));

        var rows = BodyRows(html);
        Assert.Equal(["encoder (Sequential)", "(None, 5)", "20"], rows[0]);
        Assert.Equal(["frozen_head (Dense)frozen", "(None, 2)", "12"], rows[^1]);
        Assert.Single(Regex.Matches(html, "<tr class=\"nk-frozen\">"));
        Assert.Contains("<tr class=\"nk-frozen\"><td>frozen_head (Dense)", html, StringComparison.Ordinal);

        var text = outer.Summary();
        Assert.Contains(" Non-trainable params: 12 (48.00 B)", text, StringComparison.Ordinal);
        foreach (var line in TotalsLines(text)) Assert.Contains(line, html, StringComparison.Ordinal);
    }

    [Fact]
    public void TextIsEncodedAndNothingExternalIsLoaded()
    {
        var model = new Sequential([new InputLayer(new Shape(2)), new Dense(1, name: "a<b>&\"c\"")], name: "<script>x");
        var html = ModelSummaryHtml.ToHtml(model);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Model: &quot;&lt;script&gt;x&quot;", html, StringComparison.Ordinal);
        Assert.Contains("a&lt;b&gt;&amp;&quot;c&quot; (Dense)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RowsAreTheTextSummarysData()
    {
        var model = new Sequential([new InputLayer(new Shape(3), name: "x"), new Dense(4, name: "d")], name: "m");
        var row = Assert.Single(ModelSummary.Rows(model));
        Assert.Equal(new ModelSummary.Row(0, "d", "Dense", "(None, 4)", "16", "x[0][0]", true, false), row);
        Assert.Equal(new ModelSummary.ParameterTotals(16, 0, 64, 0), ModelSummary.Totals(model));
        Assert.False(ModelSummary.ShowsConnections(model));
    }

    // The " Total params: … (…)" footer lines of the text summary, without the leading space.
    private static IEnumerable<string> TotalsLines(string text) =>
        text.Split('\n').Where(l => l.Contains("params:", StringComparison.Ordinal)).Select(l => l.Trim()).ToArray() is { Length: 3 } lines
            ? lines
            : throw new InvalidOperationException("The text summary has no three totals lines.");

    private static string[] Headers(string html) =>
        [.. Regex.Matches(html[..html.IndexOf("</thead>", StringComparison.Ordinal)], "<th(?: [^>]*)?>(.*?)</th>").Select(m => m.Groups[1].Value)];

    // The cells (tags stripped, entities left as written) of each top-level body row, skipping the nested-model rows.
    private static List<string[]> BodyRows(string html)
    {
        var body = Regex.Replace(html, "<tr><td class=\"nk-nested\".*?</details></td></tr>", "", RegexOptions.Singleline);
        var start = body.IndexOf("<tbody>", StringComparison.Ordinal);
        body = body[start..body.IndexOf("</tbody>", start, StringComparison.Ordinal)];
        return [.. Regex.Matches(body, "<tr[^>]*>(.*?)</tr>").Select(r =>
            Regex.Matches(r.Groups[1].Value, "<td[^>]*>(.*?)</td>").Select(c => Regex.Replace(c.Groups[1].Value, "<[^>]+>", "")).ToArray())];
    }
}
