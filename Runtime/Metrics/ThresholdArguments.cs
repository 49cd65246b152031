using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// The "thresholds" argument of the confusion-matrix metrics as given: none, one value or a list. Keras writes it back to the
/// config in the same form, and a single value (or a list of one) makes the result a scalar.
/// </summary>
internal static class ThresholdArguments
{
    /// <summary>The config value: null, a number or a list of numbers.</summary>
    public static JsonNode? ToJson(float[]? thresholds, bool single) => thresholds switch
    {
        null => null,
        _ when single => JsonValue.Create(thresholds[0]),
        _ => new JsonArray(thresholds.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()),
    };

    /// <summary>Reads "thresholds" (null, a number or a list): the values, and whether a single number was given.</summary>
    public static (float[]? Thresholds, bool Single) Read(JsonObject config, string owner) => config["thresholds"] switch
    {
        null => (null, false),
        JsonArray list => (list.Select(item => Number(item, owner)).ToArray(), false),
        var value => ([Number(value, owner)], true),
    };

    private static float Number(JsonNode? node, string owner) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        ? float.Parse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)
        : throw new FormatException($"{owner} config: 'thresholds' must be a number or a list of numbers; got {node?.ToJsonString() ?? "null"}.");
}
