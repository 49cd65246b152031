using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Pooling;

/// <summary>
/// 2-D max pooling (Keras's <c>MaxPooling2D</c>) over (batch, height, width, channels) inputs (channels_last) or their channels_first
/// transpose: the maximum of each window, per channel.
/// </summary>
public sealed class MaxPooling2D(
    Size2D? poolSize = null, Size2D? strides = null, string padding = "valid", string? dataFormat = null,
    string? name = null, bool trainable = true, DType dtype = DType.Float32)
    : BasePooling((poolSize ?? 2).ToArray(), strides?.ToArray(), padding, dataFormat, max: true, "MaxPooling2D", name, trainable, dtype)
{
    public Size2D PoolSize => new Size2D(PoolSizes[0], PoolSizes[1]);

    /// <summary>The window's step; the pool size unless given.</summary>
    public Size2D Strides => new Size2D(StrideSizes[0], StrideSizes[1]);

    internal static void Register() => Register("MaxPooling2D", 2, c => new MaxPooling2D(
        c.PoolSize is { } p ? new Size2D(p[0], p[1]) : null, c.Strides is { } s ? new Size2D(s[0], s[1]) : null, c.Padding, c.DataFormat, c.Name, c.Trainable, c.DType));
}
