using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Training;

/// <summary>
/// One step's data, arranged for the model: <see cref="X"/> in input order, <see cref="Y"/> and <see cref="SampleWeight"/> in
/// output order (null when absent; a sample-weight entry may be null for an output without weights).
/// </summary>
internal sealed record StepData(IReadOnlyList<Tensor> X, IReadOnlyList<Tensor>? Y, IReadOnlyList<Tensor?>? SampleWeight)
{
    public int Size => X[0].Shape[0];
}
