using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Pooling;

/// <summary>
/// Global 1-D average pooling (Keras's <c>GlobalAveragePooling1D</c>): the mean over steps, per channel. With a (batch, steps)
/// mask (e.g. from <c>Embedding(maskZero: true)</c>) the mean is over the unmasked steps only, and no mask is passed on.
/// </summary>
public sealed class GlobalAveragePooling1D(
    string? dataFormat = null, bool keepDims = false, string? name = null, bool trainable = true, DType dtype = DType.Float32)
    : BaseGlobalPooling(1, dataFormat, keepDims, "GlobalAveragePooling1D", name, trainable, dtype)
{
    public override bool SupportsMasking => true;

    protected internal override Tensor Call(Tensor inputs) => Ops.Mean(inputs, SpatialAxes, KeepDims);

    protected internal override Tensor Call(Tensor inputs, bool training, Tensor? mask)
    {
        if (mask is null) return Call(inputs);
        // Keras: where(mask, x, 0) summed over steps, divided by the number of unmasked steps.
        var keep = Ops.ExpandDims(mask, DataFormat == "channels_last" ? 2 : 1);
        var sum = Ops.Sum(Ops.Where(keep, inputs, 0f), SpatialAxes, KeepDims);
        return Ops.Divide(sum, Ops.Sum(Ops.NotEqual(keep, 0f), SpatialAxes, KeepDims));
    }

    public override Tensor? ComputeMask(Tensor inputs, Tensor? mask) => null;

    internal static void Register() => Register("GlobalAveragePooling1D", (format, keep, name, trainable, dtype) => new GlobalAveragePooling1D(format, keep, name, trainable, dtype));
}
