using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Regularization;

/// <summary>
/// Multiplies inputs by 1-centred Gaussian noise of standard deviation sqrt(rate / (1 - rate)) during training, the variance
/// of dropout at that rate; at inference it passes inputs through (Keras's <c>GaussianDropout</c>).
/// </summary>
public sealed class GaussianDropout : Layer
{
    private readonly SeedGenerator? _seedGenerator;

    public GaussianDropout(float rate, int? seed = null, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        // Keras accepts rate 1, whose noise has infinite variance; it is refused here rather than producing infinities.
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"GaussianDropout: invalid value for argument 'rate': expected a float in [0, 1), received rate={rate}.");
        Rate = rate;
        Seed = seed;
        if (rate > 0) _seedGenerator = new SeedGenerator(seed);
        MarkBuilt();
    }

    /// <summary>The drop probability whose variance the noise has.</summary>
    public float Rate { get; }

    /// <summary>The seed of the layer's random stream (null: drawn from the global generator).</summary>
    public int? Seed { get; }

    public override bool SupportsMasking => true;

    protected internal override Tensor Call(Tensor inputs, bool training, Tensor? mask) => training && Rate > 0
        ? Ops.Multiply(inputs, Ops.RandomNormal(inputs.Shape, 1f, MathF.Sqrt(Rate / (1 - Rate)), _seedGenerator))
        : inputs;

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["rate"] = Rate;
        config["seed"] = Seed;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "GaussianDropout", c => new GaussianDropout(
        rate: Dropout.ReadRate(c, "GaussianDropout"),
        seed: c.GetNullableInt("seed", "GaussianDropout"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
