using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Merge;

/// <summary>The elementwise difference <c>inputs[0] - inputs[1]</c> of exactly two inputs (Keras's <c>Subtract</c>).</summary>
public sealed class Subtract : Merge
{
    public Subtract(string? name = null, bool trainable = true, DType dtype = DType.Float32) : base(name, trainable, dtype)
    {
    }

    public override void Build(IReadOnlyList<Shape> inputShapes)
    {
        base.Build(inputShapes);
        if (inputShapes.Count != 2)
            throw new ArgumentException(
                $"Layer '{Name}' (Subtract): a Subtract layer should be called on exactly 2 inputs. Received: input_shape={Format(inputShapes)}");
    }

    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) =>
        inputs.Count == 2
            ? Ops.Subtract(inputs[0], inputs[1])
            : throw new ArgumentException($"Layer '{Name}' (Subtract): a Subtract layer should be called on exactly 2 inputs. Received {inputs.Count} inputs.");

    internal static void Register() => KerasRegistry.Register("keras.layers", "Subtract", c =>
        new Subtract(LayerConfig.Name(c), LayerConfig.Trainable(c), LayerConfig.DType(c)));
}
