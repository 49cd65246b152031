using System.Globalization;
using System.Net;
using System.Text;
using NotebookKeras.Runtime.Models;

namespace NotebookKeras.Visualizers.Models;

/// <summary>
/// Keras's <c>model.summary()</c> as an HTML table for a notebook cell: the same columns, rows and totals as
/// <see cref="ModelSummary.Render"/> (it reads <see cref="ModelSummary.Rows"/>), nested models folded in
/// <c>&lt;details&gt;</c>, frozen layers marked. Self-contained: inline CSS scoped by the <c>nk-summary</c> class, no scripts.
/// </summary>
public static class ModelSummaryHtml
{
    // Scoped under .nk-summary so the notebook's own styles are neither overridden nor relied on.
    private const string Style = """
        <style>
        .nk-summary{font-family:system-ui,sans-serif;font-size:13px;margin:4px 0}
        .nk-summary table{border-collapse:collapse;min-width:60%}
        .nk-summary th,.nk-summary td{border-bottom:1px solid #ddd;padding:3px 10px;text-align:left;vertical-align:top}
        .nk-summary th{border-bottom:2px solid #888}
        .nk-summary td.nk-num,.nk-summary th.nk-num{text-align:right;font-variant-numeric:tabular-nums}
        .nk-summary code{font-family:monospace;font-size:12px}
        .nk-summary tr.nk-frozen td{color:#777;background:#f4f6fb}
        .nk-summary .nk-badge{font-size:11px;border:1px solid #99a;border-radius:3px;padding:0 4px;margin-left:6px}
        .nk-summary td.nk-nested{padding:0 0 0 18px;border-bottom:none}
        .nk-summary summary{cursor:pointer;color:#555;padding:2px 0}
        .nk-summary .nk-totals{margin-top:6px;line-height:1.5}
        </style>
        """;

    /// <summary>The summary as one HTML block.</summary>
    public static string ToHtml(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = ModelSummary.Rows(model, expandNested: true);
        var connections = ModelSummary.ShowsConnections(model);
        var html = new StringBuilder();
        html.Append("<div class=\"nk-summary\">").Append(Style)
            .Append("<div><b>Model: &quot;").Append(Encode(model.Name)).Append("&quot;</b></div>");
        var next = AppendTable(html, rows, 0, 0, connections);
        if (next != rows.Count) throw new InvalidOperationException($"Summary of model '{model.Name}': row {next} is nested deeper than its parent.");
        var totals = ModelSummary.Totals(model);
        html.Append("<div class=\"nk-totals\">")
            .Append("Total params: ").Append(Count(totals.Total, totals.TotalBytes)).Append("<br>")
            .Append("Trainable params: ").Append(Count(totals.Trainable, totals.TrainableBytes)).Append("<br>")
            .Append("Non-trainable params: ").Append(Count(totals.NonTrainable, totals.NonTrainableBytes))
            .Append("</div></div>");
        return html.ToString();
    }

    // Writes the rows of one depth starting at `start` as a table; a model row is followed by a collapsible row holding its
    // layers' table. Returns the index of the first row that does not belong to this level.
    private static int AppendTable(StringBuilder html, IReadOnlyList<ModelSummary.Row> rows, int start, int depth, bool connections)
    {
        var columns = connections ? 4 : 3;
        html.Append("<table><thead><tr><th>Layer (type)</th><th>Output Shape</th><th class=\"nk-num\">Param #</th>");
        if (connections) html.Append("<th>Connected to</th>");
        html.Append("</tr></thead><tbody>");
        var i = start;
        while (i < rows.Count && rows[i].Depth == depth)
        {
            var row = rows[i++];
            var frozen = row.Trainable == false;
            html.Append(frozen ? "<tr class=\"nk-frozen\">" : "<tr>")
                .Append("<td>").Append(Encode(row.Name)).Append(" (").Append(Encode(row.ClassName)).Append(')');
            if (frozen) html.Append("<span class=\"nk-badge\" title=\"non-trainable\">frozen</span>");
            html.Append("</td><td><code>").Append(Encode(row.OutputShape)).Append("</code></td>")
                .Append("<td class=\"nk-num\">").Append(Encode(row.Parameters)).Append("</td>");
            if (connections) html.Append("<td><code>").Append(Encode(row.ConnectedTo)).Append("</code></td>");
            html.Append("</tr>");
            if (row.IsModel && i < rows.Count && rows[i].Depth == depth + 1)
            {
                html.Append("<tr><td class=\"nk-nested\" colspan=\"").Append(columns).Append("\"><details><summary>")
                    .Append(Encode(row.Name)).Append(" layers</summary>");
                i = AppendTable(html, rows, i, depth + 1, connections);
                html.Append("</details></td></tr>");
            }
        }
        html.Append("</tbody></table>");
        return i;
    }

    private static string Count(long count, double bytes) =>
        Encode(string.Create(CultureInfo.InvariantCulture, $"{count:N0} ({ModelSummary.ReadableSize(bytes)})"));

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
