using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Models;

/// <summary>
/// One application of a layer in a functional graph: its symbolic inputs and outputs. A layer applied twice (a shared layer)
/// has two nodes and one set of weights.
/// </summary>
internal sealed class Node
{
    public Node(Layer layer, IReadOnlyList<KerasTensor> inputs, IReadOnlyList<Shape> outputShapes)
    {
        Layer = layer;
        Inputs = inputs;
        IndexInLayer = layer.InboundNodes.Count;
        layer.InboundNodes.Add(this);
        var outputs = new KerasTensor[outputShapes.Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            var name = outputs.Length == 1 ? layer.Name : $"{layer.Name}_{i}";
            outputs[i] = new KerasTensor(outputShapes[i], layer.OutputDType, this, i, name);
        }
        Outputs = outputs;
    }

    public Layer Layer { get; }

    public IReadOnlyList<KerasTensor> Inputs { get; }

    public IReadOnlyList<KerasTensor> Outputs { get; }

    /// <summary>The position of this node among the layer's nodes (Keras's node index).</summary>
    public int IndexInLayer { get; }

    /// <summary>True for the node of an <see cref="InputLayer"/>, which has no inputs.</summary>
    public bool IsInput => Inputs.Count == 0;
}
