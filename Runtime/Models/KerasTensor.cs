using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Models;

/// <summary>
/// A symbolic tensor: a shape (batch axis usually unknown) and dtype, plus where it came from (the node of the layer that
/// produced it). Applying layers to KerasTensors builds a functional graph; <c>Model(inputs, outputs)</c> turns it into a model.
/// </summary>
public sealed class KerasTensor
{
    internal KerasTensor(Shape shape, DType dtype, Node node, int index, string name)
    {
        Shape = shape;
        DType = dtype;
        Node = node;
        Index = index;
        Name = name;
    }

    /// <summary>The static shape; -1 marks an unknown dimension (Keras's None).</summary>
    public Shape Shape { get; }

    public DType DType { get; }

    /// <summary>A readable name: the producing layer's name, with the output index for multi-output layers.</summary>
    public string Name { get; }

    /// <summary>The node that produced this tensor.</summary>
    internal Node Node { get; }

    /// <summary>Which output of the node this is.</summary>
    internal int Index { get; }

    /// <summary>The layer that produced this tensor (an <see cref="InputLayer"/> for model inputs).</summary>
    public Layer Layer => Node.Layer;

    public override string ToString() => $"<KerasTensor shape={Shape}, dtype={DType.KerasName()}, name={Name}>";
}
