using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Pooling;

/// <summary>2-D max pooling (Keras's <c>MaxPooling2D</c>): the maximum of each window, per channel.</summary>
public sealed class MaxPooling2D(
    Size2D? poolSize = null, Size2D? strides = null, string padding = "valid", string? dataFormat = null,
    string? name = null, bool trainable = true, DType dtype = DType.Float32)
    : BasePooling2D(poolSize ?? 2, strides, padding, dataFormat, "MaxPooling2D", name, trainable, dtype)
{
    protected internal override Tensor Call(Tensor inputs) => Ops.MaxPool(inputs, PoolSize.ToArray(), Strides.ToArray(), Padding);

    internal static void Register() => KerasRegistry.Register("keras.layers", "MaxPooling2D", c => new MaxPooling2D(
        poolSize: Size2D.FromConfig(c, "pool_size", "MaxPooling2D"),
        strides: Size2D.FromConfig(c, "strides", "MaxPooling2D"),
        padding: LayerConfig.String(c, "padding", "valid")!,
        dataFormat: LayerConfig.String(c, "data_format"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
