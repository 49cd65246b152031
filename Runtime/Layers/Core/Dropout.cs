using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Core;

/// <summary>
/// Sets inputs to 0 with probability <see cref="Rate"/> during training and scales the others by 1 / (1 - rate), so the expected
/// sum is unchanged; at inference it passes inputs through (Keras's <c>Dropout</c>). <see cref="NoiseShape"/> shares one draw
/// along its size-1 axes, e.g. (batch, 1, features) drops the same features at every timestep; -1 takes the input's size.
/// </summary>
public class Dropout : Layer
{
    private readonly SeedGenerator? _seedGenerator;

    public Dropout(float rate, Shape? noiseShape = null, int? seed = null, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        if (!(rate >= 0 && rate <= 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"{ClassName}: invalid value for argument 'rate': expected a float between 0 and 1, received rate={rate}.");
        if (noiseShape is not null && noiseShape.Any(d => d == 0))
            throw new ArgumentException($"{ClassName}: invalid 'noiseShape' {noiseShape}: expected positive sizes, or -1 (None) to take the input's size.", nameof(noiseShape));
        Rate = rate;
        NoiseShape = noiseShape;
        Seed = seed;
        // Keras makes the generator once, so successive training calls draw different masks that a seed makes reproducible.
        if (rate > 0) _seedGenerator = new SeedGenerator(seed);
        MarkBuilt();
    }

    /// <summary>The fraction of inputs to drop, in [0, 1].</summary>
    public float Rate { get; }

    /// <summary>The shape of the dropout mask (null: the input's shape).</summary>
    public Shape? NoiseShape { get; }

    /// <summary>The seed of the layer's random stream (null: drawn from the global generator).</summary>
    public int? Seed { get; }

    public override bool SupportsMasking => true;

    /// <summary>The mask shape for an input of <paramref name="inputShape"/>; spatial dropouts derive it from the input.</summary>
    protected virtual Shape? NoiseShapeFor(Shape inputShape) => NoiseShape;

    protected internal override Tensor Call(Tensor inputs, bool training, Tensor? mask)
    {
        if (!training || Rate == 0) return inputs;
        // A rate of 1 drops everything (the 1 / (1 - rate) scale is then never applied).
        if (Rate == 1) return Ops.Multiply(inputs, Tensor.Scalar(0f));
        return Ops.Dropout(inputs, Rate, NoiseShapeFor(inputs.Shape), _seedGenerator);
    }

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["rate"] = Rate;
        config["seed"] = Seed;
        config["noise_shape"] = NoiseShape is null ? null : LayerConfig.ShapeToJson(NoiseShape);
        return config;
    }

    /// <summary>The required "rate" of a dropout layer's config.</summary>
    internal static float ReadRate(JsonObject config, string layer) => config["rate"] is null
        ? throw new FormatException($"{layer} config is missing the required key 'rate'.")
        : config.GetFloat("rate", 0f, layer);

    internal static void Register() => KerasRegistry.Register("keras.layers", "Dropout", c => new Dropout(
        rate: ReadRate(c, "Dropout"),
        noiseShape: LayerConfig.Ints(c, "noise_shape") is { } noise ? new Shape(noise) : null,
        seed: c.GetNullableInt("seed", "Dropout"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
