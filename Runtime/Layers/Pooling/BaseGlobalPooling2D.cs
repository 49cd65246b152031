using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Pooling;

/// <summary>
/// What global 2-D max and average pooling share (Keras's <c>BaseGlobalPooling</c>): a reduction over both spatial axes,
/// (batch, height, width, channels) → (batch, channels), or (batch, 1, 1, channels) with <see cref="KeepDims"/>.
/// </summary>
public abstract class BaseGlobalPooling2D : Layer
{
    private protected BaseGlobalPooling2D(string? dataFormat, bool keepDims, string layer, string? name, bool trainable, DType dtype)
        : base(name, trainable, dtype)
    {
        DataFormat = Flatten.StandardizeDataFormat(dataFormat, layer);
        KeepDims = keepDims;
        InputSpec = new InputSpec(NDim: 4);
    }

    /// <summary>"channels_last" (default) or "channels_first".</summary>
    public string DataFormat { get; }

    public bool KeepDims { get; }

    /// <summary>The spatial axes the layer reduces.</summary>
    protected int[] SpatialAxes => DataFormat == "channels_last" ? [1, 2] : [2, 3];

    public override Shape ComputeOutputShape(Shape inputShape) => OpShapes.Reduce(inputShape, SpatialAxes, KeepDims, ClassName);

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["data_format"] = DataFormat;
        config["keepdims"] = KeepDims;
        return config;
    }
}
