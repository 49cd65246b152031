using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.IO;
using NotebookKeras.Visualizers.Charts;

namespace NotebookKeras.Kernel.Notebooks;

/// <summary>
/// An executed notebook as one self-contained HTML page that opens offline: Markdown rendered, code shown, outputs as Jupyter
/// would show them (HTML outputs embedded as they are, images inlined as data URIs), styles inline, no external references.
/// plotly.js is the exception: the report carries it once, in its head, whichever output carried it in the notebook, since an
/// updated display replaces the output that carried it with one that relies on it.
/// </summary>
public static class HtmlReport
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; color: #222; }
        .cell { margin: 1em 0; }
        .code pre.source { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 4px; padding: .6em; overflow-x: auto; margin: 0; }
        .prompt { color: #57606a; font: 12px monospace; margin-bottom: 2px; }
        .output { margin: .3em 0 0 0; padding-left: .6em; border-left: 3px solid #d0d7de; overflow-x: auto; }
        .output pre { margin: .2em 0; white-space: pre-wrap; }
        .stderr pre { background: #fff5f5; }
        .error pre { color: #b00020; background: #fff5f5; }
        pre, code { font-family: ui-monospace, monospace; font-size: 13px; }
        """;

    /// <summary>The report's HTML; <paramref name="title"/> heads the page.</summary>
    public static string Render(NotebookDocument notebook, string title)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var body = new StringBuilder();
        var charts = false;
        foreach (var cell in notebook.Cells.OfType<JsonObject>())
        {
            var source = NotebookDocument.Source(cell);
            switch (cell["cell_type"]?.GetValue<string>())
            {
                case "markdown":
                    body.Append("<div class=\"cell markdown\">\n").Append(MarkdownHtml.Render(source)).Append("</div>\n");
                    break;
                case "code":
                    var count = cell["execution_count"]?.GetValue<int?>();
                    body.Append("<div class=\"cell code\">\n<div class=\"prompt\">In [").Append(count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? " ")
                        .Append("]:</div>\n<pre class=\"source\"><code>").Append(WebUtility.HtmlEncode(source)).Append("</code></pre>\n");
                    foreach (var output in (cell["outputs"] as JsonArray ?? []).OfType<JsonObject>()) charts |= AppendOutput(body, output);
                    body.Append("</div>\n");
                    break;
                default:
                    body.Append("<div class=\"cell raw\"><pre>").Append(WebUtility.HtmlEncode(source)).Append("</pre></div>\n");
                    break;
            }
        }
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(WebUtility.HtmlEncode(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n");
        if (charts) html.Append(PlotlyScript.ScriptElement()).Append('\n');
        return html.Append("</head>\n<body>\n").Append(body).Append("</body>\n</html>\n").ToString();
    }

    /// <summary>Writes the report atomically.</summary>
    public static void Save(NotebookDocument notebook, string path, string title) =>
        AtomicFile.Write(path, stream => stream.Write(new UTF8Encoding(false).GetBytes(Render(notebook, title))));

    // True when the output holds a Plotly chart or plotly.js.
    private static bool AppendOutput(StringBuilder html, JsonObject output)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                var name = output["name"]?.GetValue<string>() == "stderr" ? "stderr" : "stdout";
                html.Append("<div class=\"output ").Append(name).Append("\"><pre>")
                    .Append(WebUtility.HtmlEncode(NotebookDocument.Text(output["text"]))).Append("</pre></div>\n");
                break;
            case "error":
                var traceback = (output["traceback"] as JsonArray ?? []).Select(l => l?.GetValue<string>());
                html.Append("<div class=\"output error\"><pre>").Append(WebUtility.HtmlEncode(string.Join("\n", traceback))).Append("</pre></div>\n");
                break;
            case "display_data" or "execute_result":
                var rich = RichOutput(output["data"] as JsonObject ?? []);
                // The head carries plotly.js; a second copy would only weigh the page down.
                var withoutPlotly = rich.Replace(PlotlyScript.ScriptElement(), "", StringComparison.Ordinal);
                html.Append("<div class=\"output\">").Append(withoutPlotly).Append("</div>\n");
                return withoutPlotly.Length != rich.Length || rich.Contains("class=\"nk-plotly\"", StringComparison.Ordinal);
        }
        return false;
    }

    // The richest representation a browser shows, as Jupyter picks it.
    private static string RichOutput(JsonObject data)
    {
        string? Get(string mime) => data[mime] is { } node ? NotebookDocument.Text(node) : null;
        if (Get("text/html") is { } htmlText) return htmlText;
        if (Get("image/svg+xml") is { } svg) return svg;
        foreach (var mime in new[] { "image/png", "image/jpeg", "image/gif" })
        {
            if (Get(mime) is { } base64) return $"<img src=\"data:{mime};base64,{base64.Replace("\n", "", StringComparison.Ordinal)}\" alt=\"\">";
        }
        return $"<pre>{WebUtility.HtmlEncode(Get("text/plain") ?? "")}</pre>";
    }
}
