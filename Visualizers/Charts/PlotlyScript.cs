using System.Reflection;

namespace NotebookKeras.Visualizers.Charts;

/// <summary>
/// plotly.js, embedded in this assembly (npm <c>plotly.js-cartesian-dist-min</c>: scatter, bar, histogram, heatmap and the other
/// cartesian traces), so charts draw with no network. Version 4 sets <c>window.Plotly</c> itself, with or without require.js
/// on the page.
/// </summary>
public static class PlotlyScript
{
    private const string ResourceName = "NotebookKeras.Visualizers.plotly.js";
    private static readonly Lazy<string> s_source = new(Load);
    // Built once: every report output and every page's first chart compares or embeds the same 1.5 MB element.
    private static readonly Lazy<string> s_element = new(() =>
        // The minified bundle holds neither sequence today; escaping keeps that true for any later version.
        "<script>" + Source.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase).Replace("<!--", "<\\!--", StringComparison.Ordinal) + "</script>");

    /// <summary>The bundle's JavaScript.</summary>
    public static string Source => s_source.Value;

    /// <summary>The bundle as a <c>&lt;script&gt;</c> element, safe to embed in HTML.</summary>
    public static string ScriptElement() => s_element.Value;

    private static string Load()
    {
        using var stream = typeof(PlotlyScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"NotebookKeras.Visualizers: the embedded plotly.js resource '{ResourceName}' is missing from {typeof(PlotlyScript).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
