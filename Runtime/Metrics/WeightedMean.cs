using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// The state of Keras's <c>Mean</c> metric, shared by <see cref="Mean"/>, <see cref="MeanMetricWrapper"/> and
/// <see cref="RootMeanSquaredError"/>: a weighted total and the total weight (the sample count when unweighted).
/// </summary>
internal sealed class WeightedMean(Variable total, Variable count)
{
    /// <summary>Keras's <c>Mean.update_state(values, sample_weight)</c>.</summary>
    public void Update(Tensor values, Tensor? sampleWeight)
    {
        var (samplewise, weights) = SampleWeights.ReduceToSamplewise(values, sampleWeight, mean: true);
        total.AssignAdd(Ops.Sum(samplewise));
        var samples = weights is not null ? Ops.Sum(weights).Item() : samplewise.Rank >= 1 ? samplewise.Shape[0] : 1;
        count.AssignAdd(Tensor.Scalar(samples));
    }

    /// <summary>total / count, or 0 before any weight was seen (Keras's <c>divide_no_nan</c>).</summary>
    public float Value
    {
        get
        {
            var n = count.Value.Item();
            return n == 0 ? 0f : total.Value.Item() / n;
        }
    }
}
