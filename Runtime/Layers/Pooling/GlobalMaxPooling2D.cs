using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Pooling;

/// <summary>Global 2-D max pooling (Keras's <c>GlobalMaxPooling2D</c>): the maximum over height and width, per channel.</summary>
public sealed class GlobalMaxPooling2D(
    string? dataFormat = null, bool keepDims = false, string? name = null, bool trainable = true, DType dtype = DType.Float32)
    : BaseGlobalPooling(2, dataFormat, keepDims, "GlobalMaxPooling2D", name, trainable, dtype)
{
    protected internal override Tensor Call(Tensor inputs) => Ops.Max(inputs, SpatialAxes, KeepDims);

    internal static void Register() => Register("GlobalMaxPooling2D", (format, keep, name, trainable, dtype) => new GlobalMaxPooling2D(format, keep, name, trainable, dtype));
}
