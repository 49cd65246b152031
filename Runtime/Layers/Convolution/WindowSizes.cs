using System.Text.Json.Nodes;

namespace NotebookKeras.Runtime.Layers.Convolution;

/// <summary>
/// Per-spatial-axis layer arguments (kernel sizes, strides, dilation rates, pool sizes) as int arrays of the layer's rank, the
/// form the N-d pooling and depthwise layers keep internally whatever typed value (int, Size2D, Size3D) their constructor took.
/// </summary>
internal static class WindowSizes
{
    /// <summary>The values, which must be <paramref name="rank"/> positive integers; the error names the layer and argument.</summary>
    public static int[] Require(int[] values, int rank, string layer, string argument) =>
        values.Length == rank && values.All(v => v > 0)
            ? values
            : throw new ArgumentException(
                $"{layer}: '{argument}' must be {rank} positive integer(s), got ({string.Join(", ", values)}).", argument);

    /// <summary>A config value written by Keras: a list of <paramref name="rank"/> ints, or one int for every axis; null when absent.</summary>
    public static int[]? FromConfig(JsonObject config, string key, int rank, string layer) => config[key] switch
    {
        null => null,
        JsonValue v => Enumerable.Repeat(v.GetValue<int>(), rank).ToArray(),
        JsonArray a when a.Count == rank => a.Select(n => n!.GetValue<int>()).ToArray(),
        var other => throw new FormatException($"{layer} config: '{key}' must be an int or a list of {rank} ints, got {other.ToJsonString()}."),
    };

    /// <summary>True when any value exceeds 1 (Keras refuses strides > 1 together with dilation > 1).</summary>
    public static bool AnyAboveOne(int[] values) => values.Any(v => v > 1);
}
