using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Merge;

/// <summary>The elementwise maximum of its inputs (Keras's <c>Maximum</c>); where an input is masked out, the others' values are used.</summary>
public sealed class Maximum : Merge
{
    public Maximum(string? name = null, bool trainable = true, DType dtype = DType.Float32) : base(name, trainable, dtype)
    {
    }

    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) =>
        MergeSkippingMasked(Ops.Maximum, inputs, masks);

    internal static void Register() => KerasRegistry.Register("keras.layers", "Maximum", c =>
        new Maximum(LayerConfig.Name(c), LayerConfig.Trainable(c), LayerConfig.DType(c)));
}
