using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// The (weighted) sum of the values it is given (Keras's <c>Sum(name="sum")</c>): values [1, 3, 5, 7] give 16, and with
/// sample weights [1, 1, 0, 0] they give 4.
/// </summary>
public sealed class Sum : Metric
{
    private readonly Variable _total;

    public Sum(string name = "sum", DType dtype = DType.Float32) : base(name, dtype)
    {
        _total = AddVariable("total", Shape.Scalar);
    }

    public override string ClassName => "Sum";

    /// <summary>Accumulates <paramref name="values"/>, weighted by <paramref name="sampleWeight"/> (broadcast to the values).</summary>
    public void UpdateState(Tensor values, Tensor? sampleWeight = null)
    {
        UpdateValues(values, sampleWeight, () =>
        {
            var (samplewise, _) = SampleWeights.ReduceToSamplewise(values, sampleWeight, mean: false);
            _total.AssignAdd(Ops.Sum(samplewise));
        });
    }

    /// <summary>A Sum takes values, not labels and predictions: use <see cref="UpdateState(Tensor, Tensor?)"/>.</summary>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => throw new InvalidOperationException(
        $"{Owner}: a Sum adds up values: call UpdateState(values, sampleWeight).");

    public override Tensor Result() => Tensor.Scalar(_total.Value.Item());

    internal static Sum FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "sum", "Sum");
        return new Sum(name!, dtype);
    }
}
