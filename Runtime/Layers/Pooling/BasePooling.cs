using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Pooling;

/// <summary>
/// What max and average pooling over 1, 2 or 3 spatial axes share (Keras's <c>BasePooling</c>): a window of the pool size moved
/// by the strides (the pool size by default), 'valid' or 'same' padding, channels_last or channels_first inputs.
/// </summary>
public abstract class BasePooling : Layer
{
    private readonly int[] _poolSize;
    private readonly int[] _strides;
    private readonly bool _max;

    private protected BasePooling(int[] poolSize, int[]? strides, string padding, string? dataFormat, bool max, string layer,
        string? name, bool trainable, DType dtype)
        : base(name, trainable, dtype)
    {
        var rank = poolSize.Length;
        _poolSize = WindowSizes.Require(poolSize, rank, layer, nameof(poolSize));
        _strides = WindowSizes.Require(strides ?? poolSize, rank, layer, nameof(strides));
        OpShapes.SamePadding(layer, padding);
        Padding = padding.ToLowerInvariant();
        DataFormat = Flatten.StandardizeDataFormat(dataFormat, layer);
        _max = max;
        InputSpec = new InputSpec(NDim: rank + 2);
    }

    /// <summary>"valid" or "same".</summary>
    public string Padding { get; }

    /// <summary>"channels_last" (batch, *spatial, channels; the default) or "channels_first" (batch, channels, *spatial).</summary>
    public string DataFormat { get; }

    private protected int[] PoolSizes => _poolSize;

    private protected int[] StrideSizes => _strides;

    protected internal override Tensor Call(Tensor inputs) => ChannelLayout.Apply(inputs, DataFormat, x => _max
        ? Ops.MaxPool(x, _poolSize, _strides, Padding)
        : Ops.AveragePool(x, _poolSize, _strides, Padding));

    public override Shape ComputeOutputShape(Shape inputShape) =>
        ChannelLayout.Apply(inputShape, DataFormat, s => OpShapes.Pool(s, _poolSize, _strides, Padding, ClassName));

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["pool_size"] = LayerConfig.IntsToJson(_poolSize);
        config["padding"] = Padding;
        config["strides"] = LayerConfig.IntsToJson(_strides);
        config["data_format"] = DataFormat;
        return config;
    }

    /// <summary>The constructor arguments of a pooling layer, read from its Keras config.</summary>
    private protected readonly record struct PoolingConfig(
        int[]? PoolSize, int[]? Strides, string Padding, string? DataFormat, string? Name, bool Trainable, DType DType);

    /// <summary>Registers a pooling layer of <paramref name="rank"/> spatial axes under its Keras class name.</summary>
    private protected static void Register(string className, int rank, Func<PoolingConfig, BasePooling> create) =>
        KerasRegistry.Register("keras.layers", className, c => create(new PoolingConfig(
            WindowSizes.FromConfig(c, "pool_size", rank, className),
            WindowSizes.FromConfig(c, "strides", rank, className),
            LayerConfig.String(c, "padding", "valid")!,
            LayerConfig.String(c, "data_format"),
            LayerConfig.Name(c),
            LayerConfig.Trainable(c),
            LayerConfig.DType(c))));
}
