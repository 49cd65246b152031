using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Core;

/// <summary>
/// Masks the timesteps whose features all equal <see cref="MaskValue"/> (Keras's <c>Masking</c>): for (batch, timesteps,
/// features) inputs the output mask is (batch, timesteps), 1 where any feature differs from the mask value, and masked
/// timesteps are zeroed in the output. Downstream layers that support masking (e.g. recurrent layers) skip them.
/// </summary>
public sealed class Masking : Layer
{
    public Masking(float maskValue = 0f, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        MaskValue = maskValue;
    }

    /// <summary>The value that marks a padded timestep.</summary>
    public float MaskValue { get; }

    public override bool SupportsMasking => true;

    protected internal override Tensor Call(Tensor inputs) => Ops.Multiply(inputs, Keep(inputs, keepDims: true));

    public override Tensor? ComputeMask(Tensor inputs, Tensor? mask) => Keep(inputs, keepDims: false);

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    // 1 where any value along the last axis differs from the mask value (Keras's ops.any(not_equal(x, mask_value), axis=-1)).
    private Tensor Keep(Tensor inputs, bool keepDims)
    {
        if (inputs.Rank == 0)
            throw new ArgumentException($"Layer '{Name}' (Masking) needs inputs with a feature axis; received a scalar.");
        return Ops.Max(Ops.NotEqual(inputs, MaskValue), -1, keepDims);
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["mask_value"] = MaskValue;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Masking", c => new Masking(
        maskValue: c.GetFloat("mask_value", 0f, "Masking"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
