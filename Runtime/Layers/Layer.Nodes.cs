using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers;

public abstract partial class Layer
{
    /// <summary>The nodes recording each symbolic application of this layer.</summary>
    internal List<Node> InboundNodes { get; } = [];

    /// <summary>The dtype of the layer's outputs (its compute dtype; int layers such as inputs of labels override it).</summary>
    internal virtual DType OutputDType => DType;

    /// <summary>The symbolic input of the layer's first application (Keras's <c>layer.input</c>).</summary>
    public KerasTensor Input => FirstNode("Input").Inputs is [var single]
        ? single
        : throw new InvalidOperationException($"Layer '{Name}' has {FirstNode("Input").Inputs.Count} inputs; use Inputs.");

    /// <summary>The symbolic output of the layer's first application (Keras's <c>layer.output</c>), e.g. for feature extraction.</summary>
    public KerasTensor Output => FirstNode("Output").Outputs is [var single]
        ? single
        : throw new InvalidOperationException($"Layer '{Name}' has {FirstNode("Output").Outputs.Count} outputs.");

    private Node FirstNode(string what) => InboundNodes.Count > 0
        ? InboundNodes[0]
        : throw new InvalidOperationException($"Layer '{Name}' has never been called on a symbolic input, so it has no {what}.");
}
