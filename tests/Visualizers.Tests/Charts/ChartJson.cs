using System.Text.Json.Nodes;
using NotebookKeras.Visualizers.Charts;

namespace NotebookKeras.Visualizers.Tests.Charts;

/// <summary>Reads a figure back from its Plotly JSON, as plotly.js will.</summary>
internal static class ChartJson
{
    public static JsonObject Root(Figure figure) => JsonNode.Parse(figure.ToJson())!.AsObject();

    public static List<JsonObject> Traces(Figure figure) => Root(figure)["data"]!.AsArray().Select(t => t!.AsObject()).ToList();

    public static JsonObject Trace(Figure figure, string name) => Traces(figure).Single(t => (string?)t["name"] == name);

    public static float[] Floats(JsonNode? array) => array!.AsArray().Select(v => v!.GetValue<float>()).ToArray();

    public static string? Axis(JsonObject trace, string axis) => (string?)trace[axis] ?? axis[..1];

    /// <summary>The panel titles (layout annotations) in order.</summary>
    public static List<string> PanelTitles(Figure figure) =>
        Root(figure)["layout"]!["annotations"]?.AsArray().Select(a => (string)a!["text"]!).ToList() ?? [];
}
