using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// The recall of the predictions, tp / (tp + fn) (Keras's <c>Recall(thresholds=None, top_k=None, class_id=None)</c>,
/// "recall"): the share of positive labels predicted positive. A prediction above a threshold (default 0.5; use 0 for logits)
/// is positive. With <c>topK</c>, only the k largest predictions of each sample count as positive; with <c>classId</c>, only
/// that class column is scored.
/// </summary>
public sealed class Recall : Metric
{
    private readonly ThresholdSettings _settings;
    private readonly Variable _truePositives;
    private readonly Variable _falseNegatives;

    /// <summary>Recall at each of <paramref name="thresholds"/> (in [0, 1]); the default is 0.5 (or the top k when <paramref name="topK"/> is set).</summary>
    public Recall(float[]? thresholds = null, int? topK = null, int? classId = null, string? name = null, DType dtype = DType.Float32)
        : this(thresholds, single: false, topK, classId, name, dtype)
    {
    }

    /// <summary>Recall at one threshold.</summary>
    public Recall(float thresholds, int? topK = null, int? classId = null, string? name = null, DType dtype = DType.Float32)
        : this([thresholds], single: true, topK, classId, name, dtype)
    {
    }

    private Recall(float[]? thresholds, bool single, int? topK, int? classId, string? name, DType dtype)
        : base(AutoName(name, "Recall"), dtype)
    {
        _settings = new ThresholdSettings(thresholds, single, topK, classId, Owner);
        _truePositives = AddVariable("true_positives", new Shape(_settings.Values.Length));
        _falseNegatives = AddVariable("false_negatives", new Shape(_settings.Values.Length));
        Direction = "up";
    }

    public override string ClassName => "Recall";

    /// <summary>The thresholds in use.</summary>
    public IReadOnlyList<float> Thresholds => _settings.Values;

    public int? TopK => _settings.TopK;

    public int? ClassId => _settings.ClassId;

    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => Update(yTrue, yPred, sampleWeight, () =>
        _settings.Update(new ConfusionVariables(TruePositives: _truePositives, FalseNegatives: _falseNegatives), yTrue, yPred, sampleWeight));

    /// <summary>tp / (tp + fn): a scalar for one threshold, one value per threshold otherwise.</summary>
    public override Tensor Result() => _settings.Ratio(_truePositives, _falseNegatives);

    public override JsonObject GetConfig()
    {
        var config = NameAndDTypeConfig();
        _settings.WriteTo(config);
        return config;
    }

    internal static Recall FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, null, "Recall");
        var (thresholds, single, topK, classId) = ThresholdSettings.Read(config, "Recall");
        return new Recall(thresholds, single, topK, classId, name, dtype);
    }
}
