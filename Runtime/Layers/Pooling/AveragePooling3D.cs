using NotebookKeras.Runtime.Layers.Reshaping;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Pooling;

/// <summary>
/// 3-D average pooling (Keras's <c>AveragePooling3D</c>) over (batch, dim1, dim2, dim3, channels) inputs (channels_last) or their channels_first
/// transpose: the mean of each window, per channel; with 'same' padding over the in-input elements only.
/// </summary>
public sealed class AveragePooling3D(
    Size3D? poolSize = null, Size3D? strides = null, string padding = "valid", string? dataFormat = null,
    string? name = null, bool trainable = true, DType dtype = DType.Float32)
    : BasePooling((poolSize ?? 2).ToArray(), strides?.ToArray(), padding, dataFormat, max: false, "AveragePooling3D", name, trainable, dtype)
{
    public Size3D PoolSize => new Size3D(PoolSizes[0], PoolSizes[1], PoolSizes[2]);

    /// <summary>The window's step; the pool size unless given.</summary>
    public Size3D Strides => new Size3D(StrideSizes[0], StrideSizes[1], StrideSizes[2]);

    internal static void Register() => Register("AveragePooling3D", 3, c => new AveragePooling3D(
        c.PoolSize is { } p ? new Size3D(p[0], p[1], p[2]) : null, c.Strides is { } s ? new Size3D(s[0], s[1], s[2]) : null, c.Padding, c.DataFormat, c.Name, c.Trainable, c.DType));
}
