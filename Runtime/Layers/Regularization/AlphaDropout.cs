using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Regularization;

/// <summary>
/// Dropout that keeps the mean and variance of its inputs, for self-normalizing (SELU) networks (Keras's <c>AlphaDropout</c>):
/// during training each element is kept with probability 1 - rate or set to SELU's negative saturation value
/// α' = -scale·alpha, then the affine correction a·x + b restores zero mean and unit variance, with
/// a = ((1 - rate)(1 + rate·α'²))^-1/2 and b = -a·α'·rate. At inference it passes inputs through.
/// </summary>
public sealed class AlphaDropout : Layer
{
    // SELU's constants (Klambauer et al., 2017), as Keras writes them.
    private const double SeluAlpha = 1.6732632423543772848170429916717;
    private const double SeluScale = 1.0507009873554804934193349852946;

    private readonly SeedGenerator? _seedGenerator;

    public AlphaDropout(float rate, Shape? noiseShape = null, int? seed = null, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        // Keras accepts rate 1, whose correction a is infinite; it is refused here rather than producing infinities.
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"AlphaDropout: invalid value for argument 'rate': expected a float in [0, 1), received rate={rate}.");
        if (noiseShape is not null && noiseShape.Any(d => d == 0))
            throw new ArgumentException($"AlphaDropout: invalid 'noiseShape' {noiseShape}: expected positive sizes, or -1 (None) to take the input's size.", nameof(noiseShape));
        Rate = rate;
        NoiseShape = noiseShape;
        Seed = seed;
        if (rate > 0) _seedGenerator = new SeedGenerator(seed);
        MarkBuilt();
    }

    /// <summary>The fraction of inputs to drop, in [0, 1).</summary>
    public float Rate { get; }

    /// <summary>The shape of the keep mask (null: the input's shape; -1 entries take the input's size; size-1 axes share a draw).</summary>
    public Shape? NoiseShape { get; }

    /// <summary>The seed of the layer's random stream (null: drawn from the global generator).</summary>
    public int? Seed { get; }

    public override bool SupportsMasking => true;

    protected internal override Tensor Call(Tensor inputs, bool training, Tensor? mask)
    {
        if (!training || Rate == 0) return inputs;
        double rate = Rate, alphaP = -SeluAlpha * SeluScale;
        var a = Math.Pow((1 - rate) * (1 + rate * alphaP * alphaP), -0.5);
        var b = -a * alphaP * rate;
        var kept = Ops.GreaterEqual(Ops.RandomUniform(ConcreteNoiseShape(inputs.Shape), seed: _seedGenerator), Rate);
        // a·(x·kept + α'·(1 - kept)) + b, as x·scale + shift with the mask-only factors computed on the (smaller) noise shape.
        var scale = Ops.Multiply(kept, Tensor.Scalar((float)a));
        var shift = Ops.Add(Ops.Multiply(kept, Tensor.Scalar((float)(-a * alphaP))), Tensor.Scalar((float)(a * alphaP + b)));
        return Ops.Add(Ops.Multiply(inputs, scale), shift);
    }

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    private Shape ConcreteNoiseShape(Shape inputShape)
    {
        if (NoiseShape is null) return inputShape;
        if (NoiseShape.Rank != inputShape.Rank)
            throw new ArgumentException($"Layer '{Name}' (AlphaDropout): noiseShape {NoiseShape} must have the rank of the input shape {inputShape}.");
        var dims = new int[inputShape.Rank];
        for (var i = 0; i < dims.Length; i++)
        {
            dims[i] = NoiseShape[i] == -1 ? inputShape[i] : NoiseShape[i];
            if (dims[i] != 1 && dims[i] != inputShape[i])
                throw new ArgumentException(
                    $"Layer '{Name}' (AlphaDropout): noiseShape {NoiseShape} does not broadcast to the input shape {inputShape} (axis {i}: use {inputShape[i]}, 1 or None).");
        }
        return new Shape(dims);
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["rate"] = Rate;
        config["seed"] = Seed;
        config["noise_shape"] = NoiseShape is null ? null : LayerConfig.ShapeToJson(NoiseShape);
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "AlphaDropout", c => new AlphaDropout(
        rate: Dropout.ReadRate(c, "AlphaDropout"),
        noiseShape: LayerConfig.Ints(c, "noise_shape") is { } noise ? new Shape(noise) : null,
        seed: c.GetNullableInt("seed", "AlphaDropout"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
