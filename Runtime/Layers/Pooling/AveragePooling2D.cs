using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Pooling;

/// <summary>2-D average pooling (Keras's <c>AveragePooling2D</c>): the mean of each window, per channel; with 'same' padding over the in-image elements only.</summary>
public sealed class AveragePooling2D(
    Size2D? poolSize = null, Size2D? strides = null, string padding = "valid", string? dataFormat = null,
    string? name = null, bool trainable = true, DType dtype = DType.Float32)
    : BasePooling2D(poolSize ?? 2, strides, padding, dataFormat, "AveragePooling2D", name, trainable, dtype)
{
    protected internal override Tensor Call(Tensor inputs) => Ops.AveragePool(inputs, PoolSize.ToArray(), Strides.ToArray(), Padding);

    internal static void Register() => KerasRegistry.Register("keras.layers", "AveragePooling2D", c => new AveragePooling2D(
        poolSize: Size2D.FromConfig(c, "pool_size", "AveragePooling2D"),
        strides: Size2D.FromConfig(c, "strides", "AveragePooling2D"),
        padding: LayerConfig.String(c, "padding", "valid")!,
        dataFormat: LayerConfig.String(c, "data_format"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
