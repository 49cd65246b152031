using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Pooling;

/// <summary>
/// What global max and average pooling over 1, 2 or 3 spatial axes share (Keras's <c>BaseGlobalPooling</c>): a reduction over
/// every spatial axis, (batch, *spatial, channels) → (batch, channels), or with <see cref="KeepDims"/> each spatial axis kept
/// with length 1; channels_first inputs (batch, channels, *spatial) reduce their trailing axes.
/// </summary>
public abstract class BaseGlobalPooling : Layer
{
    private readonly int _rank;

    private protected BaseGlobalPooling(int rank, string? dataFormat, bool keepDims, string layer, string? name, bool trainable, DType dtype)
        : base(name, trainable, dtype)
    {
        _rank = rank;
        DataFormat = Flatten.StandardizeDataFormat(dataFormat, layer);
        KeepDims = keepDims;
        InputSpec = new InputSpec(NDim: rank + 2);
    }

    /// <summary>"channels_last" (default) or "channels_first".</summary>
    public string DataFormat { get; }

    public bool KeepDims { get; }

    /// <summary>The spatial axes the layer reduces.</summary>
    private protected int[] SpatialAxes => Enumerable.Range(DataFormat == "channels_last" ? 1 : 2, _rank).ToArray();

    public override Shape ComputeOutputShape(Shape inputShape) => OpShapes.Reduce(inputShape, SpatialAxes, KeepDims, ClassName);

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["data_format"] = DataFormat;
        config["keepdims"] = KeepDims;
        return config;
    }

    /// <summary>Registers a global pooling layer under its Keras class name, created from (data_format, keepdims, name, trainable, dtype).</summary>
    private protected static void Register(string className, Func<string?, bool, string?, bool, DType, BaseGlobalPooling> create) =>
        KerasRegistry.Register("keras.layers", className, c => create(
            LayerConfig.String(c, "data_format"), LayerConfig.Bool(c, "keepdims", false),
            LayerConfig.Name(c), LayerConfig.Trainable(c), LayerConfig.DType(c)));
}
