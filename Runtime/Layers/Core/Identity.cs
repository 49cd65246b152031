using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Core;

/// <summary>Returns its input unchanged, mask included: a placeholder where no operation is wanted (Keras's <c>Identity</c>).</summary>
public sealed class Identity : Layer
{
    public Identity(string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype) => MarkBuilt();

    public override bool SupportsMasking => true;

    protected internal override Tensor Call(Tensor inputs) => inputs;

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    internal static void Register() => KerasRegistry.Register("keras.layers", "Identity", c => new Identity(
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
