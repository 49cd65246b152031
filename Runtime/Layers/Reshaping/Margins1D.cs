using System.Text.Json.Nodes;

namespace NotebookKeras.Runtime.Layers.Reshaping;

/// <summary>
/// The (before, after) steps that <see cref="ZeroPadding1D"/> adds and <see cref="Cropping1D"/> removes on the time axis,
/// written as Keras does: an int for both ends or a pair.
/// </summary>
public readonly record struct Margins1D(int Before, int After)
{
    public static implicit operator Margins1D(int both) => new(both, both);

    public static implicit operator Margins1D((int Before, int After) pair) => new(pair.Before, pair.After);

    /// <summary>Throws unless both amounts are non-negative, naming the layer and the argument.</summary>
    internal Margins1D RequireNonNegative(string layer, string argument) => Before >= 0 && After >= 0
        ? this
        : throw new ArgumentException($"{layer}: '{argument}' must be non-negative, got {this}.", argument);

    internal JsonArray ToJson() => LayerConfig.IntsToJson([Before, After]);

    /// <summary>A config value in either of Keras's forms: an int or a list of two ints.</summary>
    internal static Margins1D FromConfig(JsonObject config, string key, string layer) => config[key] switch
    {
        JsonValue v => v.GetValue<int>(),
        JsonArray { Count: 2 } a when a[0] is JsonValue && a[1] is JsonValue => (a[0]!.GetValue<int>(), a[1]!.GetValue<int>()),
        null => throw new FormatException($"{layer} config is missing the required key '{key}'."),
        var other => throw new FormatException($"{layer} config: '{key}' must be an int or a list of two ints, got {other.ToJsonString()}."),
    };

    public override string ToString() => $"({Before}, {After})";
}
