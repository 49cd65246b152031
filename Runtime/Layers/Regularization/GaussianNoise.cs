using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Regularization;

/// <summary>
/// Adds zero-centred Gaussian noise of standard deviation <see cref="Stddev"/> during training, a form of data augmentation
/// for real-valued inputs; at inference it passes inputs through (Keras's <c>GaussianNoise</c>).
/// </summary>
public sealed class GaussianNoise : Layer
{
    private readonly SeedGenerator? _seedGenerator;

    public GaussianNoise(float stddev, int? seed = null, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        if (!(stddev >= 0 && stddev <= 1))
            throw new ArgumentOutOfRangeException(nameof(stddev), stddev, $"GaussianNoise: invalid value for argument 'stddev': expected a float between 0 and 1, received stddev={stddev}.");
        Stddev = stddev;
        Seed = seed;
        if (stddev > 0) _seedGenerator = new SeedGenerator(seed);
        MarkBuilt();
    }

    /// <summary>The standard deviation of the noise.</summary>
    public float Stddev { get; }

    /// <summary>The seed of the layer's random stream (null: drawn from the global generator).</summary>
    public int? Seed { get; }

    public override bool SupportsMasking => true;

    protected internal override Tensor Call(Tensor inputs, bool training, Tensor? mask) => training && Stddev > 0
        ? Ops.Add(inputs, Ops.RandomNormal(inputs.Shape, 0f, Stddev, _seedGenerator))
        : inputs;

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["stddev"] = Stddev;
        config["seed"] = Seed;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "GaussianNoise", c => new GaussianNoise(
        stddev: c["stddev"] is null ? throw new FormatException("GaussianNoise config is missing the required key 'stddev'.") : c.GetFloat("stddev", 0f, "GaussianNoise"),
        seed: c.GetNullableInt("seed", "GaussianNoise"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
