using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// A weighted count of one confusion-matrix cell at one or more thresholds (Keras's <c>_ConfusionMatrixConditionCount</c>):
/// the base of <see cref="TruePositives"/>, <see cref="FalsePositives"/>, <see cref="TrueNegatives"/> and
/// <see cref="FalseNegatives"/>. A prediction above a threshold is positive; the default threshold is 0.5.
/// </summary>
public abstract class ConfusionMatrixConditionCount : Metric
{
    private readonly float[] _thresholds;
    private readonly bool _evenlyDistributed;
    private readonly bool _single;
    private readonly Variable _accumulator;

    private protected ConfusionMatrixConditionCount(float[]? thresholds, bool single, string? name, DType dtype, string className)
        : base(AutoName(name, className), dtype)
    {
        InitThresholds = thresholds is null ? null : (float[])thresholds.Clone();
        _single = single;
        _thresholds = ThresholdValues.Parse(thresholds, 0.5f, $"{className} '{Name}'");
        _evenlyDistributed = ThresholdValues.AreEvenlyDistributed(_thresholds.Select(t => (double)t).ToArray());
        _accumulator = AddVariable("accumulator", new Shape(_thresholds.Length));
    }

    /// <summary>The thresholds as given (null: the default 0.5).</summary>
    public IReadOnlyList<float>? InitThresholds { get; }

    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => Update(yTrue, yPred, sampleWeight, () =>
        ConfusionMatrix.Update(Cell(_accumulator), yTrue, yPred, _thresholds, _evenlyDistributed, thresholdsWithEpsilon: false, sampleWeight));

    /// <summary>The count: a scalar for one threshold, one per threshold otherwise.</summary>
    public override Tensor Result() => _thresholds.Length == 1 ? Tensor.Scalar(_accumulator.Value.AsSpan()[0]) : Tensor.FromArray(_accumulator.Value.ToArray());

    public override JsonObject GetConfig()
    {
        var config = NameAndDTypeConfig();
        config["thresholds"] = ThresholdArguments.ToJson(InitThresholds?.ToArray(), _single);
        return config;
    }

    /// <summary>The confusion-matrix cell this metric counts, backed by <paramref name="accumulator"/>.</summary>
    private protected abstract ConfusionVariables Cell(Variable accumulator);
}
