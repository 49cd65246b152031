using System.Text.Json.Nodes;

namespace NotebookKeras.Runtime.Layers.Reshaping;

/// <summary>A (dim1, dim2, dim3) triple of factors: an int means the same on all three axes, as in Keras.</summary>
public readonly record struct Size3D(int Dim1, int Dim2, int Dim3)
{
    public static implicit operator Size3D(int size) => new(size, size, size);

    public static implicit operator Size3D((int Dim1, int Dim2, int Dim3) size) => new(size.Dim1, size.Dim2, size.Dim3);

    internal int[] ToArray() => [Dim1, Dim2, Dim3];

    /// <summary>Throws unless all three values are positive, naming the layer and the argument.</summary>
    internal Size3D RequirePositive(string layer, string argument) => Dim1 > 0 && Dim2 > 0 && Dim3 > 0
        ? this
        : throw new ArgumentException($"{layer}: '{argument}' must be positive integers, got {this}.", argument);

    internal JsonArray ToJson() => LayerConfig.IntsToJson(ToArray());

    /// <summary>A config value written by Keras: a list of three ints, or a single int for all axes.</summary>
    internal static Size3D? FromConfig(JsonObject config, string key, string layer) => config[key] switch
    {
        null => null,
        JsonValue v => v.GetValue<int>(),
        JsonArray { Count: 3 } a => new Size3D(a[0]!.GetValue<int>(), a[1]!.GetValue<int>(), a[2]!.GetValue<int>()),
        var other => throw new FormatException($"{layer} config: '{key}' must be an int or a list of three ints, got {other.ToJsonString()}."),
    };

    public override string ToString() => $"({Dim1}, {Dim2}, {Dim3})";
}
