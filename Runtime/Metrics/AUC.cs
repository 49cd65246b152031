using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// The area under the ROC or precision-recall curve (Keras's <c>AUC(num_thresholds=200, curve="ROC",
/// summation_method="interpolation", thresholds=None, multi_label=False, num_labels=None, label_weights=None,
/// from_logits=False)</c>, "auc"). Predictions are bucketed at <see cref="NumThresholds"/> thresholds (evenly spaced in (0, 1),
/// plus -1e-7 and 1 + 1e-7 at the ends, or the given ones); the curve through the per-threshold rates is then integrated by
/// the Riemann sum of <see cref="SummationMethod"/> ("interpolation": trapezoids for ROC, and for PR Davis and Goadrich's
/// interpolation of true and false positives; "minoring" and "majoring": lower and upper bounds).
/// </summary>
public sealed class AUC : Metric
{
    private readonly float[] _thresholds;
    private readonly float[]? _initThresholds;
    private readonly bool _evenlyDistributed;
    private Variable? _tp, _fp, _tn, _fn;
    private int _labels = 1;

    public AUC(int numThresholds = 200, string curve = "ROC", string summationMethod = "interpolation", string? name = null, DType dtype = DType.Float32,
        float[]? thresholds = null, bool multiLabel = false, int? numLabels = null, float[]? labelWeights = null, bool fromLogits = false)
        : base(AutoName(name, "AUC"), dtype)
    {
        Curve = curve switch
        {
            "ROC" or "roc" => "ROC",
            "PR" or "pr" => "PR",
            _ => throw Error($"invalid curve \"{curve}\"; expected \"ROC\" or \"PR\".", nameof(curve)),
        };
        SummationMethod = summationMethod switch
        {
            "interpolation" or "Interpolation" => "interpolation",
            "majoring" or "Majoring" => "majoring",
            "minoring" or "Minoring" => "minoring",
            _ => throw Error($"invalid summationMethod \"{summationMethod}\"; expected \"interpolation\", \"majoring\" or \"minoring\".", nameof(summationMethod)),
        };
        if (thresholds is not null)
        {
            _initThresholds = thresholds.Order().ToArray();
            NumThresholds = thresholds.Length + 2;
            _evenlyDistributed = ThresholdValues.AreEvenlyDistributed([0.0, .. _initThresholds.Select(t => (double)t), 1.0]);
        }
        else
        {
            if (numThresholds <= 1)
                throw new ArgumentOutOfRangeException(nameof(numThresholds), numThresholds, $"{Owner}: numThresholds must be an integer > 1; got {numThresholds}.");
            NumThresholds = numThresholds;
            _evenlyDistributed = true;
        }
        _thresholds = ThresholdValues.ForCurve(NumThresholds, _initThresholds).Select(t => (float)t).ToArray();
        if (labelWeights is not null && labelWeights.Any(w => !(w >= 0)))
            throw Error($"labelWeights must be >= 0; got [{string.Join(", ", labelWeights)}].", nameof(labelWeights));
        LabelWeights = labelWeights is null ? null : (float[])labelWeights.Clone();
        MultiLabel = multiLabel;
        NumLabels = numLabels;
        FromLogits = fromLogits;
        if (!multiLabel && numLabels is not null) throw Error("numLabels is needed only when multiLabel is true.", nameof(numLabels));
        if (numLabels is < 1) throw Error($"numLabels must be at least 1; got {numLabels}.", nameof(numLabels));
        if (!multiLabel) Build(1);
        else if (numLabels is { } n) Build(n);
        Direction = "up";
    }

    public override string ClassName => "AUC";

    /// <summary>The number of thresholds, the two end points included.</summary>
    public int NumThresholds { get; }

    /// <summary>"ROC" or "PR".</summary>
    public string Curve { get; }

    /// <summary>"interpolation", "minoring" or "majoring".</summary>
    public string SummationMethod { get; }

    /// <summary>Whether each label (column) gets its own curve, the AUCs being averaged.</summary>
    public bool MultiLabel { get; }

    /// <summary>The number of labels for multiLabel (null: taken from the first batch).</summary>
    public int? NumLabels { get; }

    /// <summary>Per-label weights: of the label AUCs with multiLabel, of each label's predictions otherwise.</summary>
    public IReadOnlyList<float>? LabelWeights { get; }

    /// <summary>Whether predictions are logits (a sigmoid is applied first).</summary>
    public bool FromLogits { get; }

    /// <summary>The thresholds, end points included.</summary>
    public IReadOnlyList<float> Thresholds => _thresholds;

    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => Update(yTrue, yPred, sampleWeight, () =>
    {
        if (MultiLabel)
        {
            if (yPred.Rank != 2) throw Error($"y_pred must have rank 2 (samples, labels) when multiLabel is true; got shape {yPred.Shape}.");
            if (_tp is null) Build(yPred.Shape[1]);
            else if (yPred.Shape[1] != _labels) throw Error($"y_pred has {yPred.Shape[1]} labels but this AUC was built for {_labels} (shape {yPred.Shape}).");
        }
        var pred = FromLogits ? Ops.Sigmoid(Ops.AsFloat32(yPred)) : yPred;
        ConfusionMatrix.Update(new ConfusionVariables(_tp, _fp, _tn, _fn), yTrue, pred, _thresholds, _evenlyDistributed, thresholdsWithEpsilon: true,
            sampleWeight, multiLabel: MultiLabel, labelWeights: MultiLabel ? null : LabelWeights?.ToArray());
    });

    /// <summary>The area (the weighted or plain mean of the label areas with multiLabel); 0 before any data.</summary>
    public override Tensor Result()
    {
        if (_tp is null) return Tensor.Scalar(0f);
        ReadOnlySpan<float> tp = _tp.Value.AsSpan(), fp = _fp!.Value.AsSpan(), tn = _tn!.Value.AsSpan(), fn = _fn!.Value.AsSpan();
        var byLabel = new float[_labels];
        for (var label = 0; label < _labels; label++)
            byLabel[label] = Curve == "PR" && SummationMethod == "interpolation" ? InterpolatedPrArea(tp, fp, fn, label) : RiemannArea(tp, fp, tn, fn, label);
        if (!MultiLabel) return Tensor.Scalar(byLabel[0]);
        if (LabelWeights is null) return Tensor.Scalar(byLabel.Average());
        float weighted = 0, total = 0;
        for (var i = 0; i < _labels; i++)
        {
            weighted += byLabel[i] * LabelWeights[i];
            total += LabelWeights[i];
        }
        return Tensor.Scalar(ThresholdSettings.DivideNoNan(weighted, total));
    }

    public override JsonObject GetConfig()
    {
        var config = NameAndDTypeConfig();
        config["num_thresholds"] = NumThresholds;
        config["curve"] = Curve;
        config["summation_method"] = SummationMethod;
        config["multi_label"] = MultiLabel;
        config["num_labels"] = NumLabels;
        config["label_weights"] = LabelWeights is null ? null : new JsonArray(LabelWeights.Select(w => (JsonNode)JsonValue.Create(w)).ToArray());
        config["from_logits"] = FromLogits;
        if (_initThresholds is not null) config["thresholds"] = new JsonArray(_initThresholds.Select(t => (JsonNode)JsonValue.Create(t)).ToArray());
        return config;
    }

    internal static AUC FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, null, "AUC");
        var (thresholds, _) = ThresholdArguments.Read(config, "AUC");
        var labelWeights = config["label_weights"] switch
        {
            null => null,
            JsonArray list => ThresholdArguments.Read(new JsonObject { ["thresholds"] = list.DeepClone() }, "AUC").Thresholds,
            var other => throw new FormatException($"AUC config: 'label_weights' must be a list of numbers; got {other.ToJsonString()}."),
        };
        return new AUC(
            config.GetInt("num_thresholds", 200, "AUC"),
            config.GetString("curve", "ROC", "AUC"),
            config.GetString("summation_method", "interpolation", "AUC"),
            name, dtype, thresholds,
            multiLabel: config["multi_label"] is JsonValue m && m.GetValue<bool>(),
            numLabels: config.GetNullableInt("num_labels", "AUC"),
            labelWeights: labelWeights,
            fromLogits: CrossentropyConfig.FromLogits(config, "AUC"));
    }

    private void Build(int labels)
    {
        if (LabelWeights is not null && MultiLabel && LabelWeights.Count != labels)
            throw Error($"labelWeights has {LabelWeights.Count} values but the predictions have {labels} labels.");
        _labels = labels;
        var shape = MultiLabel ? new Shape(NumThresholds, labels) : new Shape(NumThresholds);
        _tp = AddVariable("true_positives", shape);
        _fp = AddVariable("false_positives", shape);
        _tn = AddVariable("true_negatives", shape);
        _fn = AddVariable("false_negatives", shape);
    }

    // The Riemann sum of y over x, from the highest threshold down: ROC plots recall over the false positive rate, PR plots
    // precision over recall.
    private float RiemannArea(ReadOnlySpan<float> tp, ReadOnlySpan<float> fp, ReadOnlySpan<float> tn, ReadOnlySpan<float> fn, int label)
    {
        float area = 0;
        for (var i = 0; i < NumThresholds - 1; i++)
        {
            var (x0, y0) = Point(tp, fp, tn, fn, i * _labels + label);
            var (x1, y1) = Point(tp, fp, tn, fn, (i + 1) * _labels + label);
            var height = SummationMethod switch
            {
                "interpolation" => (y0 + y1) / 2f,
                "minoring" => MathF.Min(y0, y1),
                _ => MathF.Max(y0, y1),
            };
            area += (x0 - x1) * height;
        }
        return area;
    }

    private (float X, float Y) Point(ReadOnlySpan<float> tp, ReadOnlySpan<float> fp, ReadOnlySpan<float> tn, ReadOnlySpan<float> fn, int i)
    {
        var recall = ThresholdSettings.DivideNoNan(tp[i], tp[i] + fn[i]);
        return Curve == "ROC"
            ? (ThresholdSettings.DivideNoNan(fp[i], fp[i] + tn[i]), recall)
            : (recall, ThresholdSettings.DivideNoNan(tp[i], tp[i] + fp[i]));
    }

    // Keras's interpolate_pr_auc (Davis and Goadrich 2006): within each interval, TP and P = TP + FP vary linearly, so the area
    // is slope * (dTP + intercept * log(P_A / P_B)) / total positives.
    private float InterpolatedPrArea(ReadOnlySpan<float> tp, ReadOnlySpan<float> fp, ReadOnlySpan<float> fn, int label)
    {
        float area = 0;
        for (var i = 0; i < NumThresholds - 1; i++)
        {
            int a = i * _labels + label, b = (i + 1) * _labels + label;
            var dtp = tp[a] - tp[b];
            float pA = tp[a] + fp[a], pB = tp[b] + fp[b];
            var slope = ThresholdSettings.DivideNoNan(dtp, MathF.Max(pA - pB, 0));
            var intercept = tp[b] - slope * pB;
            var ratio = pA > 0 && pB > 0 ? ThresholdSettings.DivideNoNan(pA, MathF.Max(pB, 0)) : 1f;
            area += ThresholdSettings.DivideNoNan(slope * (dtp + intercept * MathF.Log(ratio)), MathF.Max(tp[b] + fn[b], 0));
        }
        return area;
    }
}
