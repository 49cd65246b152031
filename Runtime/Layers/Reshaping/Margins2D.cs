using System.Text.Json.Nodes;

namespace NotebookKeras.Runtime.Layers.Reshaping;

/// <summary>
/// The ((top, bottom), (left, right)) rows and columns that <see cref="ZeroPadding2D"/> adds and <see cref="Cropping2D"/> removes,
/// written as Keras does: an int for all four sides, (height, width) for symmetric amounts, or the two pairs.
/// </summary>
public readonly record struct Margins2D((int Top, int Bottom) Height, (int Left, int Right) Width)
{
    public static implicit operator Margins2D(int all) => new((all, all), (all, all));

    public static implicit operator Margins2D((int Height, int Width) symmetric) =>
        new((symmetric.Height, symmetric.Height), (symmetric.Width, symmetric.Width));

    public static implicit operator Margins2D(((int Top, int Bottom) Height, (int Left, int Right) Width) pairs) =>
        new(pairs.Height, pairs.Width);

    /// <summary>(before, after) for the height and width axes.</summary>
    internal (int Before, int After)[] ToPairs() => [(Height.Top, Height.Bottom), (Width.Left, Width.Right)];

    /// <summary>Throws unless every amount is non-negative, naming the layer and the argument.</summary>
    internal Margins2D RequireNonNegative(string layer, string argument) =>
        Height.Top >= 0 && Height.Bottom >= 0 && Width.Left >= 0 && Width.Right >= 0
            ? this
            : throw new ArgumentException($"{layer}: '{argument}' must be non-negative, got {this}.", argument);

    internal JsonArray ToJson() => new(LayerConfig.IntsToJson([Height.Top, Height.Bottom]), LayerConfig.IntsToJson([Width.Left, Width.Right]));

    /// <summary>A config value in any of Keras's forms: an int, a list of two ints, or a list of two pairs.</summary>
    internal static Margins2D FromConfig(JsonObject config, string key, string layer) => config[key] switch
    {
        JsonValue v => v.GetValue<int>(),
        JsonArray { Count: 2 } a when a[0] is JsonValue && a[1] is JsonValue => (a[0]!.GetValue<int>(), a[1]!.GetValue<int>()),
        JsonArray { Count: 2 } a when a[0] is JsonArray { Count: 2 } h && a[1] is JsonArray { Count: 2 } w =>
            new Margins2D((h[0]!.GetValue<int>(), h[1]!.GetValue<int>()), (w[0]!.GetValue<int>(), w[1]!.GetValue<int>())),
        null => throw new FormatException($"{layer} config is missing the required key '{key}'."),
        var other => throw new FormatException(
            $"{layer} config: '{key}' must be an int, a list of two ints or a list of two [before, after] pairs, got {other.ToJsonString()}."),
    };

    public override string ToString() => $"(({Height.Top}, {Height.Bottom}), ({Width.Left}, {Width.Right}))";
}
