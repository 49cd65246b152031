using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Regularization;

/// <summary>
/// Dropout of whole 1D feature maps (Keras's <c>SpatialDropout1D</c>): on (batch, timesteps, channels) inputs, each channel of
/// each sample is dropped at every timestep at once during training.
/// </summary>
public sealed class SpatialDropout1D : SpatialDropout
{
    public SpatialDropout1D(float rate, int? seed = null, string? name = null, DType dtype = DType.Float32)
        : base(rate, dataFormat: null, seed, name, dtype, rank: 3)
    {
    }

    internal static new void Register() => KerasRegistry.Register("keras.layers", "SpatialDropout1D", c => new SpatialDropout1D(
        rate: Dropout.ReadRate(c, "SpatialDropout1D"),
        seed: c.GetNullableInt("seed", "SpatialDropout1D"),
        name: LayerConfig.Name(c),
        dtype: LayerConfig.DType(c)));
}
