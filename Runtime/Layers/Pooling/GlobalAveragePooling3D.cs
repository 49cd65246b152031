using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Pooling;

/// <summary>Global 3-D average pooling (Keras's <c>GlobalAveragePooling3D</c>): the mean over the three spatial axes, per channel.</summary>
public sealed class GlobalAveragePooling3D(
    string? dataFormat = null, bool keepDims = false, string? name = null, bool trainable = true, DType dtype = DType.Float32)
    : BaseGlobalPooling(3, dataFormat, keepDims, "GlobalAveragePooling3D", name, trainable, dtype)
{
    protected internal override Tensor Call(Tensor inputs) => Ops.Mean(inputs, SpatialAxes, KeepDims);

    internal static void Register() => Register("GlobalAveragePooling3D", (format, keep, name, trainable, dtype) => new GlobalAveragePooling3D(format, keep, name, trainable, dtype));
}
