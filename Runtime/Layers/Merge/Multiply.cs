using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Merge;

/// <summary>
/// Multiplies its inputs elementwise (Keras's <c>Multiply</c>). A masked-out input counts as 1 (so it does not zero the product);
/// when every input has a mask, positions masked out in all of them are 0 in the output.
/// </summary>
public sealed class Multiply : Merge
{
    public Multiply(string? name = null, bool trainable = true, DType dtype = DType.Float32) : base(name, trainable, dtype)
    {
    }

    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        var allMasked = masks.All(m => m is not null);
        Tensor? output = null;
        Tensor? outputMask = null;
        for (var i = 0; i < inputs.Count; i++)
        {
            var x = inputs[i];
            if (masks[i] is { } m)
            {
                var mask = MaskLike(m, x);
                x = Ops.Where(mask, x, 1f);
                if (allMasked) outputMask = outputMask is null ? mask : Ops.Maximum(outputMask, mask);
            }
            output = output is null ? x : Ops.Multiply(output, x);
        }
        return outputMask is null ? output! : Ops.Where(outputMask, output!, 0f);
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Multiply", c =>
        new Multiply(LayerConfig.Name(c), LayerConfig.Trainable(c), LayerConfig.DType(c)));
}
