using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Pooling;

/// <summary>
/// 1-D max pooling (Keras's <c>MaxPooling1D</c>) over (batch, steps, features) inputs (channels_last) or their channels_first
/// transpose: the maximum of each window, per channel.
/// </summary>
public sealed class MaxPooling1D(
    int poolSize = 2, int? strides = null, string padding = "valid", string? dataFormat = null,
    string? name = null, bool trainable = true, DType dtype = DType.Float32)
    : BasePooling([poolSize], strides is null ? null : [strides.Value], padding, dataFormat, max: true, "MaxPooling1D", name, trainable, dtype)
{
    public int PoolSize => PoolSizes[0];

    /// <summary>The window's step; the pool size unless given.</summary>
    public int Strides => StrideSizes[0];

    internal static void Register() => Register("MaxPooling1D", 1, c => new MaxPooling1D(
        c.PoolSize?[0] ?? 2, c.Strides?[0], c.Padding, c.DataFormat, c.Name, c.Trainable, c.DType));
}
