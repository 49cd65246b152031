using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Merge;

/// <summary>Adds its inputs elementwise (Keras's <c>Add</c>): <c>new Add().Apply([a, b])</c>.</summary>
public sealed class Add : Merge
{
    public Add(string? name = null, bool trainable = true, DType dtype = DType.Float32) : base(name, trainable, dtype)
    {
    }

    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        var output = inputs[0];
        for (var i = 1; i < inputs.Count; i++) output = Ops.Add(output, inputs[i]);
        return output;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Add", c =>
        new Add(LayerConfig.Name(c), LayerConfig.Trainable(c), LayerConfig.DType(c)));
}
