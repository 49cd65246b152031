using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Regularization;

/// <summary>
/// The dropout of whole feature maps shared by <see cref="SpatialDropout1D"/>, <see cref="SpatialDropout2D"/> and
/// <see cref="SpatialDropout3D"/> (Keras's <c>BaseSpatialDropout</c>): during training each (sample, channel) pair is kept or
/// dropped as a whole, since neighbouring positions of a feature map are correlated and dropping them one by one regularizes
/// little.
/// </summary>
public abstract class SpatialDropout : Dropout
{
    private protected SpatialDropout(float rate, string? dataFormat, int? seed, string? name, DType dtype, int rank)
        : base(rate, noiseShape: null, seed, name, trainable: true, dtype)
    {
        DataFormat = Flatten.StandardizeDataFormat(dataFormat, ClassName);
        InputSpec = new InputSpec(NDim: rank);
    }

    /// <summary>Where the channel axis is: "channels_last" (default) or "channels_first".</summary>
    public string DataFormat { get; }

    /// <summary>1 on every axis but the batch and channel axes, so one draw covers a whole feature map.</summary>
    protected override Shape NoiseShapeFor(Shape inputShape)
    {
        var dims = Enumerable.Repeat(1, inputShape.Rank).ToArray();
        dims[0] = inputShape[0];
        var channel = DataFormat == "channels_first" ? 1 : inputShape.Rank - 1;
        dims[channel] = inputShape[channel];
        return new Shape(dims);
    }

    /// <summary>Keras's spatial dropouts write only these keys (dtype as a plain string, no "trainable").</summary>
    public override JsonObject GetConfig() => new()
    {
        ["rate"] = Rate,
        ["seed"] = Seed,
        ["name"] = Name,
        ["dtype"] = DType.KerasName(),
    };
}
