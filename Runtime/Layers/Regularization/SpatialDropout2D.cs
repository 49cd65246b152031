using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Regularization;

/// <summary>
/// Dropout of whole 2D feature maps (Keras's <c>SpatialDropout2D</c>): on (batch, rows, cols, channels) inputs ("channels_last") or
/// (batch, channels, rows, cols) ("channels_first"), each channel of each sample is dropped as a whole during training.
/// </summary>
public sealed class SpatialDropout2D : SpatialDropout
{
    public SpatialDropout2D(float rate, string? dataFormat = null, int? seed = null, string? name = null, DType dtype = DType.Float32)
        : base(rate, dataFormat, seed, name, dtype, rank: 4)
    {
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["data_format"] = DataFormat;
        return config;
    }

    internal static new void Register() => KerasRegistry.Register("keras.layers", "SpatialDropout2D", c => new SpatialDropout2D(
        rate: Dropout.ReadRate(c, "SpatialDropout2D"),
        dataFormat: LayerConfig.String(c, "data_format"),
        seed: c.GetNullableInt("seed", "SpatialDropout2D"),
        name: LayerConfig.Name(c),
        dtype: LayerConfig.DType(c)));
}
