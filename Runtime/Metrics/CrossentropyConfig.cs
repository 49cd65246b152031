using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>The arguments the crossentropy metrics share: reading from_logits, checking label_smoothing.</summary>
internal static class CrossentropyConfig
{
    /// <summary>The "from_logits" flag of a config (default false).</summary>
    public static bool FromLogits(JsonObject config, string owner) => config["from_logits"] switch
    {
        null => false,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        var other => throw new FormatException($"{owner} config: 'from_logits' must be true or false; got {other.ToJsonString()}."),
    };

    /// <summary>Label smoothing must lie in [0, 1].</summary>
    public static void CheckLabelSmoothing(float labelSmoothing, string owner)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentOutOfRangeException("labelSmoothing", labelSmoothing, $"{owner}: labelSmoothing must be in [0, 1]; got {labelSmoothing}.");
    }
}
