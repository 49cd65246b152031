using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Pooling;

/// <summary>Global 3-D max pooling (Keras's <c>GlobalMaxPooling3D</c>): the maximum over the three spatial axes, per channel.</summary>
public sealed class GlobalMaxPooling3D(
    string? dataFormat = null, bool keepDims = false, string? name = null, bool trainable = true, DType dtype = DType.Float32)
    : BaseGlobalPooling(3, dataFormat, keepDims, "GlobalMaxPooling3D", name, trainable, dtype)
{
    protected internal override Tensor Call(Tensor inputs) => Ops.Max(inputs, SpatialAxes, KeepDims);

    internal static void Register() => Register("GlobalMaxPooling3D", (format, keep, name, trainable, dtype) => new GlobalMaxPooling3D(format, keep, name, trainable, dtype));
}
