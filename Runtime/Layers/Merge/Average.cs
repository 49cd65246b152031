using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Merge;

/// <summary>The elementwise mean of its inputs (Keras's <c>Average</c>).</summary>
public sealed class Average : Merge
{
    public Average(string? name = null, bool trainable = true, DType dtype = DType.Float32) : base(name, trainable, dtype)
    {
    }

    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        var output = inputs[0];
        for (var i = 1; i < inputs.Count; i++) output = Ops.Add(output, inputs[i]);
        return output / inputs.Count;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Average", c =>
        new Average(LayerConfig.Name(c), LayerConfig.Trainable(c), LayerConfig.DType(c)));
}
