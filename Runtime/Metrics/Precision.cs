using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// The precision of the predictions, tp / (tp + fp) (Keras's <c>Precision(thresholds=None, top_k=None, class_id=None)</c>,
/// "precision"). A prediction above a threshold (default 0.5; use 0 for logits) is positive. With <c>topK</c>, only the k
/// largest predictions of each sample count as positive; with <c>classId</c>, only that class column is scored.
/// </summary>
public sealed class Precision : Metric
{
    private readonly ThresholdSettings _settings;
    private readonly Variable _truePositives;
    private readonly Variable _falsePositives;

    /// <summary>Precision at each of <paramref name="thresholds"/> (in [0, 1]); the default is 0.5 (or the top k when <paramref name="topK"/> is set).</summary>
    public Precision(float[]? thresholds = null, int? topK = null, int? classId = null, string? name = null, DType dtype = DType.Float32)
        : this(thresholds, single: false, topK, classId, name, dtype)
    {
    }

    /// <summary>Precision at one threshold.</summary>
    public Precision(float thresholds, int? topK = null, int? classId = null, string? name = null, DType dtype = DType.Float32)
        : this([thresholds], single: true, topK, classId, name, dtype)
    {
    }

    private Precision(float[]? thresholds, bool single, int? topK, int? classId, string? name, DType dtype)
        : base(AutoName(name, "Precision"), dtype)
    {
        _settings = new ThresholdSettings(thresholds, single, topK, classId, Owner);
        _truePositives = AddVariable("true_positives", new Shape(_settings.Values.Length));
        _falsePositives = AddVariable("false_positives", new Shape(_settings.Values.Length));
        Direction = "up";
    }

    public override string ClassName => "Precision";

    /// <summary>The thresholds in use.</summary>
    public IReadOnlyList<float> Thresholds => _settings.Values;

    public int? TopK => _settings.TopK;

    public int? ClassId => _settings.ClassId;

    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => Update(yTrue, yPred, sampleWeight, () =>
        _settings.Update(new ConfusionVariables(TruePositives: _truePositives, FalsePositives: _falsePositives), yTrue, yPred, sampleWeight));

    /// <summary>tp / (tp + fp): a scalar for one threshold, one value per threshold otherwise.</summary>
    public override Tensor Result() => _settings.Ratio(_truePositives, _falsePositives);

    public override JsonObject GetConfig()
    {
        var config = NameAndDTypeConfig();
        _settings.WriteTo(config);
        return config;
    }

    internal static Precision FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, null, "Precision");
        var (thresholds, single, topK, classId) = ThresholdSettings.Read(config, "Precision");
        return new Precision(thresholds, single, topK, classId, name, dtype);
    }
}
