using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Pooling;

/// <summary>Global 2-D average pooling (Keras's <c>GlobalAveragePooling2D</c>): the mean over height and width, per channel.</summary>
public sealed class GlobalAveragePooling2D(
    string? dataFormat = null, bool keepDims = false, string? name = null, bool trainable = true, DType dtype = DType.Float32)
    : BaseGlobalPooling(2, dataFormat, keepDims, "GlobalAveragePooling2D", name, trainable, dtype)
{
    protected internal override Tensor Call(Tensor inputs) => Ops.Mean(inputs, SpatialAxes, KeepDims);

    internal static void Register() => Register("GlobalAveragePooling2D", (format, keep, name, trainable, dtype) => new GlobalAveragePooling2D(format, keep, name, trainable, dtype));
}
