using NotebookKeras.Runtime.Metrics;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Tests.Training;

// A minimal metric written against the contract, until the catalogue's metrics are merged.

/// <summary>The fraction of samples whose argmax matches the integer label.</summary>
internal sealed class SparseAccuracyDouble(string name = "accuracy") : Metric(name)
{
    private double _correct;
    private double _count;

    public override string ClassName => "SparseCategoricalAccuracy";

    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        var predicted = Runtime.Ops.ArgMax(yPred, axis: -1).ToIntArray();
        var labels = yTrue.ToIntArray();
        var weights = sampleWeight?.ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            var w = weights?[i] ?? 1;
            _correct += predicted[i] == labels[i] ? w : 0;
            _count += w;
        }
    }

    public override Tensor Result() => Tensor.Scalar((float)(_count == 0 ? 0 : _correct / _count));

    public override void ResetState() => (_correct, _count) = (0, 0);
}
