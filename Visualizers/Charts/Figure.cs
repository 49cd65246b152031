using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.IO;

namespace NotebookKeras.Visualizers.Charts;

/// <summary>
/// A Plotly figure: its <c>data</c> (traces), <c>layout</c> and <c>config</c> as Plotly's own JSON, drawn by the plotly.js
/// embedded in this assembly. Build traces with <see cref="Traces"/>; anything else Plotly accepts can be set on the JSON.
/// </summary>
public sealed class Figure : Visual
{
    /// <summary>A figure with a title and a height in pixels (the width follows the output).</summary>
    public Figure(string? title = null, int height = 420)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 50);
        Height = height;
        Layout["margin"] = new JsonObject { ["t"] = title is null ? 30 : 50, ["r"] = 20, ["b"] = 50, ["l"] = 60 };
        if (title is not null) Layout["title"] = new JsonObject { ["text"] = title };
    }

    /// <summary>The traces, each a Plotly trace object.</summary>
    public JsonArray Data { get; } = [];

    /// <summary>Plotly's layout (axes, grid, title, legend...).</summary>
    public JsonObject Layout { get; } = [];

    /// <summary>Plotly's config; the mode bar stays but without Plotly's logo and cloud links.</summary>
    public JsonObject Config { get; } = new() { ["responsive"] = true, ["displaylogo"] = false };

    /// <summary>Height of the plot in pixels.</summary>
    public int Height { get; set; }

    /// <summary>The title, if the layout has one.</summary>
    public string? Title => Layout["title"]?["text"]?.GetValue<string>();

    /// <summary>Adds a trace (see <see cref="Traces"/>); returns this figure, to chain.</summary>
    public Figure Add(JsonObject trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        Data.Add(trace);
        return this;
    }

    /// <summary>Lays traces out on a grid of <paramref name="rows"/> × <paramref name="columns"/> independent subplots; trace i of
    /// subplot k (1-based, row-major) uses axes <c>x{k}</c>/<c>y{k}</c> (<see cref="Traces.OnSubplot"/>).</summary>
    public Figure Grid(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        Layout["grid"] = new JsonObject { ["rows"] = rows, ["columns"] = columns, ["pattern"] = "independent" };
        return this;
    }

    /// <summary>Sets an axis's title (<paramref name="axis"/> is Plotly's name: <c>xaxis</c>, <c>yaxis2</c>...).</summary>
    public Figure AxisTitle(string axis, string title)
    {
        var node = Layout[axis] as JsonObject ?? [];
        node["title"] = new JsonObject { ["text"] = title };
        Layout[axis] = node;
        return this;
    }

    /// <summary>The figure as Plotly JSON: <c>{"data": [...], "layout": {...}, "config": {...}}</c>.</summary>
    public string ToJson() => new JsonObject
    {
        ["data"] = Data.DeepClone(),
        ["layout"] = Layout.DeepClone(),
        ["config"] = Config.DeepClone(),
    }.ToJsonString();

    /// <summary>A figure from Plotly JSON (an object with <c>data</c> and optionally <c>layout</c> and <c>config</c>), e.g. one
    /// written by Plotly.NET or plotly.py.</summary>
    public static Figure FromJson(string json, int height = 420)
    {
        ArgumentNullException.ThrowIfNull(json);
        var root = JsonNode.Parse(json) as JsonObject
            ?? throw new FormatException("Figure.FromJson: expected a JSON object with \"data\" (and optionally \"layout\", \"config\").");
        if (root["data"] is not JsonArray data)
            throw new FormatException($"Figure.FromJson: \"data\" must be an array of traces, got {root["data"]?.GetValueKind().ToString() ?? "nothing"}.");
        var figure = new Figure(null, height);
        figure.Layout.Clear();
        foreach (var trace in data) figure.Data.Add(trace?.DeepClone());
        if (root["layout"] is JsonObject layout)
            foreach (var (key, value) in layout) figure.Layout[key] = value?.DeepClone();
        if (root["config"] is JsonObject config)
            foreach (var (key, value) in config) figure.Config[key] = value?.DeepClone();
        return figure;
    }

    /// <summary>
    /// A <c>&lt;div&gt;</c> and the script that draws into it; the first chart of a page also carries plotly.js. When plotly.js is
    /// missing (the output that carried it was cleared), the chart waits briefly, then says so in place of the plot.
    /// </summary>
    public override string ToHtml(HtmlPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var id = "nk-plot-" + Guid.NewGuid().ToString("N");
        var html = new StringBuilder();
        html.Append("<div class=\"nk-figure\"><div id=\"").Append(id).Append("\" class=\"nk-plotly\" style=\"width:100%;height:")
            .Append(Height.ToString(CultureInfo.InvariantCulture)).Append("px\"></div>");
        if (page.ClaimPlotly()) html.Append(PlotlyScript.ScriptElement());
        // ToJsonString escapes <, > and & (\u003C...), so the figure cannot close the script element.
        html.Append("<script>(function(){var f=").Append(ToJson()).Append(";var id='").Append(id).Append("',n=0;")
            .Append("function draw(){var e=document.getElementById(id);if(!e)return;")
            .Append("if(window.Plotly){window.Plotly.newPlot(e,f.data,f.layout,f.config);}")
            .Append("else if(++n<100){setTimeout(draw,100);}")
            .Append("else{e.style.height='auto';e.textContent='This chart needs plotly.js, which the first chart of the page carries: re-run that cell, or this one after HtmlPage.Reset().';}}")
            .Append("draw();})();</script></div>");
        return html.ToString();
    }

    /// <summary>The title and one line per trace: its type, name and number of points.</summary>
    public override string ToText()
    {
        var text = new StringBuilder("Figure");
        if (Title is { } title) text.Append(" \"").Append(title).Append('"');
        text.Append(": ").Append(Data.Count.ToString(CultureInfo.InvariantCulture)).Append(Data.Count == 1 ? " trace" : " traces");
        foreach (var trace in Data.OfType<JsonObject>())
        {
            text.Append("\n  ").Append(trace["type"]?.GetValue<string>() ?? "scatter");
            if (trace["name"]?.GetValue<string>() is { } name) text.Append(" '").Append(name).Append('\'');
            var points = (trace["y"] ?? trace["x"] ?? trace["z"]) is JsonArray values ? values.Count : 0;
            text.Append(" (").Append(points.ToString(CultureInfo.InvariantCulture)).Append(points == 1 ? " point)" : " points)");
        }
        return text.ToString();
    }

    /// <summary>Writes the figure: <c>.json</c> as Plotly JSON, anything else as an HTML page that draws offline.</summary>
    public override void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!string.Equals(Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase))
        {
            base.Save(path);
            return;
        }
        var bytes = new UTF8Encoding(false).GetBytes(ToJson());
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }
}
