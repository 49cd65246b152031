using System.Text.Json.Nodes;
using NotebookKeras.Visualizers.Charts;

namespace NotebookKeras.Visualizers.Tests.Support;

/// <summary>Reads back what a chart's HTML output draws, and checks it needs no network.</summary>
public static class ChartHtml
{
    /// <summary>The figure JSON (<c>data</c>, <c>layout</c>, <c>config</c>) the output's script hands to <c>Plotly.newPlot</c>.</summary>
    public static JsonObject Figure(string html)
    {
        const string Start = "var f=", End = ";var id=";
        var start = html.LastIndexOf(Start, StringComparison.Ordinal);
        Assert.True(start >= 0, "the output carries a figure");
        var end = html.IndexOf(End, start, StringComparison.Ordinal);
        return JsonNode.Parse(html[(start + Start.Length)..end])!.AsObject();
    }

    /// <summary>
    /// Asserts the output draws with plotly.js and loads nothing from a CDN or through require.js. The embedded bundle itself is
    /// left out of the check: it names plotly's server as the default target of its "edit in Chart Studio" link, which is off.
    /// </summary>
    public static void AssertDrawsOffline(string html)
    {
        html = html.Replace(PlotlyScript.ScriptElement(), "", StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.plot.ly", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("require.js", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True if the output carries the embedded plotly.js bundle itself.</summary>
    public static bool CarriesPlotly(string html) => html.Contains("window.Plotly = Plotly", StringComparison.Ordinal);
}
