using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Pooling;

/// <summary>Global 1-D max pooling (Keras's <c>GlobalMaxPooling1D</c>): the maximum over steps, per channel.</summary>
public sealed class GlobalMaxPooling1D(
    string? dataFormat = null, bool keepDims = false, string? name = null, bool trainable = true, DType dtype = DType.Float32)
    : BaseGlobalPooling(1, dataFormat, keepDims, "GlobalMaxPooling1D", name, trainable, dtype)
{
    protected internal override Tensor Call(Tensor inputs) => Ops.Max(inputs, SpatialAxes, KeepDims);

    internal static void Register() => Register("GlobalMaxPooling1D", (format, keep, name, trainable, dtype) => new GlobalMaxPooling1D(format, keep, name, trainable, dtype));
}
