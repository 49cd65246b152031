using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Merge;

/// <summary>The elementwise minimum of its inputs (Keras's <c>Minimum</c>); where an input is masked out, the others' values are used.</summary>
public sealed class Minimum : Merge
{
    public Minimum(string? name = null, bool trainable = true, DType dtype = DType.Float32) : base(name, trainable, dtype)
    {
    }

    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) =>
        MergeSkippingMasked(Ops.Minimum, inputs, masks);

    internal static void Register() => KerasRegistry.Register("keras.layers", "Minimum", c =>
        new Minimum(LayerConfig.Name(c), LayerConfig.Trainable(c), LayerConfig.DType(c)));
}
