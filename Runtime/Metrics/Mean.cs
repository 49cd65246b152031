using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// The (weighted) mean of the values it is given (Keras's <c>Mean(name="mean")</c>): values [1, 3, 5, 7] give 4, and with
/// sample weights [1, 1, 0, 0] they give 2. Values past the batch axis are averaged per sample first. The trainer's loss
/// tracker is a Mean.
/// </summary>
public sealed class Mean : Metric
{
    private readonly WeightedMean _state;

    public Mean(string name = "mean", DType dtype = DType.Float32) : base(name, dtype)
    {
        _state = new WeightedMean(AddVariable("total", Shape.Scalar), AddVariable("count", Shape.Scalar));
    }

    public override string ClassName => "Mean";

    /// <summary>Accumulates <paramref name="values"/>, weighted by <paramref name="sampleWeight"/> (broadcast to the values).</summary>
    public void UpdateState(Tensor values, Tensor? sampleWeight = null)
    {
        UpdateValues(values, sampleWeight, () => _state.Update(values, sampleWeight));
    }

    /// <summary>Accumulates one value with a weight (the trainer's batch loss, weighted by the batch size).</summary>
    public void UpdateState(float value, float sampleWeight = 1f) => UpdateState(Tensor.Scalar(value), Tensor.Scalar(sampleWeight));

    /// <summary>A Mean takes values, not labels and predictions: use <see cref="UpdateState(Tensor, Tensor?)"/>.</summary>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => throw new InvalidOperationException(
        $"{Owner}: a Mean averages values: call UpdateState(values, sampleWeight). To average a function of (y_true, y_pred), use MeanMetricWrapper.");

    public override Tensor Result() => Tensor.Scalar(_state.Value);

    internal static Mean FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "mean", "Mean");
        return new Mean(name!, dtype);
    }
}
