using System.Text.Json.Nodes;

namespace NotebookKeras.Runtime.Layers.Convolution;

/// <summary>
/// A (height, width) pair for kernel sizes, strides, dilation rates and pool sizes: an int means the same value on both axes
/// and a tuple gives each, so <c>kernelSize: 3</c> and <c>kernelSize: (3, 5)</c> both read as in Keras.
/// </summary>
public readonly record struct Size2D(int Height, int Width)
{
    public static implicit operator Size2D(int size) => new(size, size);

    public static implicit operator Size2D((int Height, int Width) size) => new(size.Height, size.Width);

    internal int[] ToArray() => [Height, Width];

    /// <summary>Throws unless both values are positive, naming the layer and the argument.</summary>
    internal Size2D RequirePositive(string layer, string argument) => Height > 0 && Width > 0
        ? this
        : throw new ArgumentException($"{layer}: '{argument}' must be positive integers, got {this}.", argument);

    internal JsonArray ToJson() => LayerConfig.IntsToJson([Height, Width]);

    /// <summary>A config value written by Keras: a list of two ints, or a single int for both axes.</summary>
    internal static Size2D? FromConfig(JsonObject config, string key, string layer) => config[key] switch
    {
        null => null,
        JsonValue v => v.GetValue<int>(),
        JsonArray { Count: 2 } a => new Size2D(a[0]!.GetValue<int>(), a[1]!.GetValue<int>()),
        var other => throw new FormatException($"{layer} config: '{key}' must be an int or a list of two ints, got {other.ToJsonString()}."),
    };

    public override string ToString() => $"({Height}, {Width})";
}
