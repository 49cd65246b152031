using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Pooling;

/// <summary>
/// What 2-D max and average pooling share (Keras's <c>BasePooling</c>): a window of <see cref="PoolSize"/> moved by
/// <see cref="Strides"/> (the pool size by default) over (batch, height, width, channels) inputs, 'valid' or 'same' padding.
/// </summary>
public abstract class BasePooling2D : Layer
{
    private protected BasePooling2D(Size2D poolSize, Size2D? strides, string padding, string? dataFormat, string layer,
        string? name, bool trainable, DType dtype)
        : base(name, trainable, dtype)
    {
        PoolSize = poolSize.RequirePositive(layer, nameof(poolSize));
        Strides = (strides ?? PoolSize).RequirePositive(layer, nameof(strides));
        OpShapes.SamePadding(layer, padding);
        Padding = padding.ToLowerInvariant();
        DataFormat = Flatten.StandardizeDataFormat(dataFormat, layer);
        if (DataFormat == "channels_first")
            throw new NotSupportedException($"{layer}: dataFormat 'channels_first' is not supported yet; use 'channels_last' (batch, height, width, channels).");
        InputSpec = new InputSpec(NDim: 4);
    }

    public Size2D PoolSize { get; }

    public Size2D Strides { get; }

    /// <summary>"valid" or "same".</summary>
    public string Padding { get; }

    /// <summary>"channels_last" (the only supported format for now).</summary>
    public string DataFormat { get; }

    public override Shape ComputeOutputShape(Shape inputShape) =>
        OpShapes.Pool(inputShape, PoolSize.ToArray(), Strides.ToArray(), Padding, ClassName);

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["pool_size"] = PoolSize.ToJson();
        config["padding"] = Padding;
        config["strides"] = Strides.ToJson();
        config["data_format"] = DataFormat;
        return config;
    }
}
