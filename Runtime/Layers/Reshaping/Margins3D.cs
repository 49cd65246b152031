using System.Text.Json.Nodes;

namespace NotebookKeras.Runtime.Layers.Reshaping;

/// <summary>
/// The (before, after) amounts per spatial axis (dim1, dim2, dim3) that <see cref="ZeroPadding3D"/> adds and
/// <see cref="Cropping3D"/> removes, written as Keras does: an int for all six sides, (d1, d2, d3) for symmetric amounts, or
/// the three pairs.
/// </summary>
public readonly record struct Margins3D((int Before, int After) Dim1, (int Before, int After) Dim2, (int Before, int After) Dim3)
{
    public static implicit operator Margins3D(int all) => new((all, all), (all, all), (all, all));

    public static implicit operator Margins3D((int Dim1, int Dim2, int Dim3) symmetric) =>
        new((symmetric.Dim1, symmetric.Dim1), (symmetric.Dim2, symmetric.Dim2), (symmetric.Dim3, symmetric.Dim3));

    public static implicit operator Margins3D(((int Before, int After) Dim1, (int Before, int After) Dim2, (int Before, int After) Dim3) pairs) =>
        new(pairs.Dim1, pairs.Dim2, pairs.Dim3);

    internal (int Before, int After)[] ToPairs() => [Dim1, Dim2, Dim3];

    /// <summary>Throws unless every amount is non-negative, naming the layer and the argument.</summary>
    internal Margins3D RequireNonNegative(string layer, string argument) => ToPairs().All(p => p.Before >= 0 && p.After >= 0)
        ? this
        : throw new ArgumentException($"{layer}: '{argument}' must be non-negative, got {this}.", argument);

    internal JsonArray ToJson() => new(ToPairs().Select(p => (JsonNode)LayerConfig.IntsToJson([p.Before, p.After])).ToArray());

    /// <summary>A config value in any of Keras's forms: an int, a list of three ints, or a list of three pairs.</summary>
    internal static Margins3D FromConfig(JsonObject config, string key, string layer) => config[key] switch
    {
        JsonValue v => v.GetValue<int>(),
        JsonArray { Count: 3 } a when a.All(e => e is JsonValue) => (a[0]!.GetValue<int>(), a[1]!.GetValue<int>(), a[2]!.GetValue<int>()),
        JsonArray { Count: 3 } a when a.All(e => e is JsonArray { Count: 2 }) =>
            new Margins3D(Pair(a[0]!), Pair(a[1]!), Pair(a[2]!)),
        null => throw new FormatException($"{layer} config is missing the required key '{key}'."),
        var other => throw new FormatException(
            $"{layer} config: '{key}' must be an int, a list of three ints or a list of three [before, after] pairs, got {other.ToJsonString()}."),
    };

    private static (int, int) Pair(JsonNode pair) => (pair[0]!.GetValue<int>(), pair[1]!.GetValue<int>());

    public override string ToString() => $"(({Dim1.Before}, {Dim1.After}), ({Dim2.Before}, {Dim2.After}), ({Dim3.Before}, {Dim3.After}))";
}
