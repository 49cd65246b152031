using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookKeras.Visualizers.Charts;

/// <summary>
/// Users' own Plotly.NET and XPlot.Plotly charts as <see cref="Figure"/>s, so they draw with the plotly.js embedded here instead of
/// the CDN scripts their own notebook formatters load (which leave the chart blank offline). Neither library is referenced: the
/// charts are recognised by type name and read through the libraries' own JSON serialisation, by reflection, so NotebookKeras
/// loads whether or not they (and their FSharp.Core) are present.
/// </summary>
/// <remarks>
/// Both notebook hosts display these charts through this class. In the NotebookKeras kernel both libraries load from
/// <c>#r "nuget:"</c> with their own FSharp.Core. In the .NET Interactive host, XPlot.Plotly works (its FSharp.Core 4.7.2 binds to
/// the host's newer copy), but Plotly.NET 6 needs FSharp.Core 10.1, newer than the host's 10.0, and fails as soon as a chart is
/// built, before anything is displayed; that is the host's limit, which no formatter can lift.
/// </remarks>
public static class ForeignCharts
{
    // Plotly.NET's chart type (any version with GenericChart.toJson) and XPlot.Plotly's.
    private const string PlotlyNetChart = "Plotly.NET.GenericChart";
    private const string XPlotChart = "XPlot.Plotly.PlotlyChart";

    /// <summary>The full names of the chart types <see cref="ToFigure"/> converts (a value may also be of a type derived from one).</summary>
    public static IReadOnlyList<string> TypeNames { get; } = [PlotlyNetChart, XPlotChart];

    /// <summary>True if <paramref name="value"/> is a chart <see cref="ToFigure"/> converts.</summary>
    public static bool IsChart(object? value) => value is not null && ChartType(value.GetType()) is not null;

    /// <summary>The figure a Plotly.NET <c>GenericChart</c> or an XPlot.Plotly <c>PlotlyChart</c> describes: its traces and layout.</summary>
    public static Figure ToFigure(object chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var type = ChartType(chart.GetType())
            ?? throw new ArgumentException(
                $"ForeignCharts.ToFigure: expected a Plotly.NET GenericChart or an XPlot.Plotly PlotlyChart, but got {chart.GetType().FullName}.", nameof(chart));
        return type.FullName == PlotlyNetChart ? FromPlotlyNet(chart, type) : FromXPlot(chart, type);
    }

    private static Type? ChartType(Type type)
    {
        for (Type? t = type; t is not null; t = t.BaseType)
            if (t.FullName is PlotlyNetChart or XPlotChart) return t;
        return null;
    }

    // GenericChart.toJson writes {"data", "layout", "config"} with Plotly.NET's own serialiser (it is a static function of the
    // GenericChart module, compiled onto the type itself).
    private static Figure FromPlotlyNet(object chart, Type type)
    {
        var toJson = type.GetMethod("toJson", BindingFlags.Public | BindingFlags.Static, [type])
            ?? throw new NotSupportedException(
                $"ForeignCharts: this Plotly.NET ({type.Assembly.GetName().Version}) has no GenericChart.toJson; Plotly.NET 2 or later has it.");
        var json = (string?)Invoke(toJson, null, [chart]) ?? throw new FormatException("ForeignCharts: Plotly.NET's GenericChart.toJson returned nothing.");
        var root = JsonNode.Parse(json) as JsonObject
            ?? throw new FormatException("ForeignCharts: Plotly.NET's GenericChart.toJson did not return a JSON object.");
        return Build(root, height: null);
    }

    // XPlot has no JSON accessor, but GetPlottingJS is exactly "var data = <json>; var layout = <json>; Plotly.newPlot(...)",
    // both written by its own Newtonsoft settings: reading those two values keeps its serialisation rules intact.
    private static Figure FromXPlot(object chart, Type type)
    {
        var script = type.GetMethod("GetPlottingJS", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)
            ?? throw new NotSupportedException($"ForeignCharts: this XPlot.Plotly ({type.Assembly.GetName().Version}) has no PlotlyChart.GetPlottingJS().");
        var js = (string?)Invoke(script, chart, []) ?? "";
        var root = new JsonObject
        {
            ["data"] = JsonValueAfter(js, "var data = "),
            ["layout"] = JsonValueAfter(js, "var layout = "),
        };
        var height = type.GetProperty("Height", BindingFlags.Public | BindingFlags.Instance)?.GetValue(chart) as int?;
        return Build(root, height >= 50 ? height : null);
    }

    private static object? Invoke(MethodInfo method, object? target, object?[] arguments)
    {
        try
        {
            return method.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            // The library's own error (e.g. a missing FSharp.Core) says more than the reflection wrapper.
            throw new InvalidOperationException(
                $"ForeignCharts: {method.DeclaringType?.FullName}.{method.Name} failed: {e.InnerException.Message}", e.InnerException);
        }
    }

    private static JsonNode? JsonValueAfter(string js, string marker)
    {
        var start = js.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0) throw new FormatException($"ForeignCharts: XPlot's plotting script has no \"{marker.Trim()}\"; this XPlot.Plotly version is not supported.");
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(js[(start + marker.Length)..]));
        // Reads exactly one JSON value and leaves the rest of the script unread.
        return JsonNode.Parse(ref reader);
    }

    private static Figure Build(JsonObject root, int? height)
    {
        if (root["layout"] is JsonObject layout)
        {
            UpgradeTitles(layout);
            // A layout height is what plotly.js draws; the output's box must match it.
            if (height is null && layout["height"] is JsonValue value && value.TryGetValue<double>(out var pixels) && pixels >= 50) height = (int)pixels;
        }
        if (root["data"] is JsonArray data)
            foreach (var trace in data.OfType<JsonObject>()) UpgradeTitles(trace);
        return Figure.FromJson(root.ToJsonString(), height ?? 420);
    }

    /// <summary>
    /// plotly.js 3 dropped string titles (<c>"title": "x"</c>), which XPlot and older Plotly.NET still write; the embedded plotly.js
    /// would show none. Rewrites them as <c>{"text": "x"}</c> at any depth (layout, axes, colour bars, legends).
    /// </summary>
    private static void UpgradeTitles(JsonObject node)
    {
        foreach (var (key, value) in node.ToList())
        {
            if (key == "title" && value is JsonValue title && title.GetValueKind() == JsonValueKind.String)
                node[key] = new JsonObject { ["text"] = title.GetValue<string>() };
            else if (value is JsonObject child)
                UpgradeTitles(child);
            else if (value is JsonArray items)
                foreach (var item in items.OfType<JsonObject>()) UpgradeTitles(item);
        }
    }
}
