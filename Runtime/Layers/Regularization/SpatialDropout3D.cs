using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Regularization;

/// <summary>
/// Dropout of whole 3D feature maps (Keras's <c>SpatialDropout3D</c>): on (batch, dim1, dim2, dim3, channels) inputs ("channels_last") or
/// (batch, channels, dim1, dim2, dim3) ("channels_first"), each channel of each sample is dropped as a whole during training.
/// </summary>
public sealed class SpatialDropout3D : SpatialDropout
{
    public SpatialDropout3D(float rate, string? dataFormat = null, int? seed = null, string? name = null, DType dtype = DType.Float32)
        : base(rate, dataFormat, seed, name, dtype, rank: 5)
    {
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["data_format"] = DataFormat;
        return config;
    }

    internal static new void Register() => KerasRegistry.Register("keras.layers", "SpatialDropout3D", c => new SpatialDropout3D(
        rate: Dropout.ReadRate(c, "SpatialDropout3D"),
        dataFormat: LayerConfig.String(c, "data_format"),
        seed: c.GetNullableInt("seed", "SpatialDropout3D"),
        name: LayerConfig.Name(c),
        dtype: LayerConfig.DType(c)));
}
