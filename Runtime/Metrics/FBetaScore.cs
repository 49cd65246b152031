using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// The F-beta score, (1 + β²) · precision · recall / (β² · precision + recall), per class of (samples, classes) labels and
/// predictions (Keras's <c>FBetaScore(average=None, beta=1.0, threshold=None, name="fbeta_score")</c>). A prediction above
/// <see cref="Threshold"/> is positive; with no threshold, the largest prediction of each sample is. <see cref="Average"/>:
/// null gives one score per class, "micro" pools the counts of all classes, "macro" averages the class scores, "weighted"
/// averages them weighted by each class's number of true instances.
/// </summary>
public class FBetaScore : Metric
{
    /// <summary>Keras's <c>backend.epsilon()</c>, added to every denominator.</summary>
    private const float Epsilon = 1e-7f;

    private Variable? _truePositives, _falsePositives, _falseNegatives, _intermediateWeights;
    private int _classes;

    public FBetaScore(string? average = null, float beta = 1f, float? threshold = null, string name = "fbeta_score", DType dtype = DType.Float32)
        : base(name, dtype)
    {
        if (average is not (null or "micro" or "macro" or "weighted"))
            throw Error($"invalid average \"{average}\"; expected null, \"micro\", \"macro\" or \"weighted\".", nameof(average));
        if (!(beta > 0) || !float.IsFinite(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, $"{Owner}: beta must be a finite number > 0; got {beta}.");
        if (threshold is { } t && !(t > 0 && t <= 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"{Owner}: threshold must verify 0 < threshold <= 1; got {t}.");
        Average = average;
        Beta = beta;
        Threshold = threshold;
        Direction = "up";
    }

    public override string ClassName => "FBetaScore";

    /// <summary>null, "micro", "macro" or "weighted".</summary>
    public string? Average { get; }

    /// <summary>The weight of recall relative to precision.</summary>
    public float Beta { get; }

    /// <summary>The decision threshold, or null for "the largest prediction of each sample".</summary>
    public float? Threshold { get; }

    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => Update(yTrue, yPred, sampleWeight, () =>
    {
        if (yTrue.Rank != 2 || yPred.Rank != 2)
            throw Error($"expects 2-D inputs of shape (batch_size, output_dim); got y_true of shape {yTrue.Shape} and y_pred of shape {yPred.Shape}.");
        if (yTrue.Shape != yPred.Shape)
            throw Error($"y_true and y_pred must have the same shape; got {yTrue.Shape} and {yPred.Shape}.");
        int rows = yPred.Shape[0], classes = yPred.Shape[1];
        if (_truePositives is null) Build(classes);
        else if (classes != _classes) throw Error($"was built for {_classes} classes; got y_pred of shape {yPred.Shape}.");
        if (sampleWeight is not null && !(sampleWeight.Rank == 1 && sampleWeight.Shape[0] == rows))
            throw Error($"sample_weight must have shape {new Shape(rows)} (one weight per sample); got {sampleWeight.Shape}.", nameof(sampleWeight));

        var truth = Ops.AsFloat32(yTrue).AsSpan();
        var pred = Ops.AsFloat32(yPred).AsSpan();
        var weights = sampleWeight is null ? default : Ops.AsFloat32(sampleWeight).AsSpan();
        int size = Average == "micro" ? 1 : classes;
        double[] tp = new double[size], fp = new double[size], fn = new double[size], support = new double[size];
        for (var row = 0; row < rows; row++)
        {
            var p = pred.Slice(row * classes, classes);
            var max = Threshold is null ? System.Numerics.Tensors.TensorPrimitives.Max(p) : 0f;
            double w = weights.IsEmpty ? 1 : weights[row];
            for (var c = 0; c < classes; c++)
            {
                var positive = Threshold is { } t ? p[c] > t : p[c] >= max && MathF.Abs(p[c]) > 1e-9f;
                float predicted = positive ? 1f : 0f, actual = truth[row * classes + c];
                var k = size == 1 ? 0 : c;
                tp[k] += predicted * actual * w;
                fp[k] += predicted * (1 - actual) * w;
                fn[k] += (1 - predicted) * actual * w;
                support[k] += actual * w;
            }
        }
        Add(_truePositives!, tp);
        Add(_falsePositives!, fp);
        Add(_falseNegatives!, fn);
        Add(_intermediateWeights!, support);
    });

    /// <summary>The score: one per class when <see cref="Average"/> is null, a scalar otherwise.</summary>
    public override Tensor Result()
    {
        if (_truePositives is null) throw new InvalidOperationException($"{Owner}: no batch has been seen yet, so the number of classes is unknown; call UpdateState first.");
        ReadOnlySpan<float> tp = _truePositives.Value.AsSpan(), fp = _falsePositives!.Value.AsSpan(), fn = _falseNegatives!.Value.AsSpan();
        var support = _intermediateWeights!.Value.AsSpan();
        var b2 = Beta * Beta;
        var scores = new float[tp.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var precision = tp[i] / (tp[i] + fp[i] + Epsilon);
            var recall = tp[i] / (tp[i] + fn[i] + Epsilon);
            scores[i] = precision * recall / (b2 * precision + recall + Epsilon) * (1 + b2);
        }
        switch (Average)
        {
            case null:
                return Tensor.FromArray(scores);
            case "weighted":
                var totalSupport = System.Numerics.Tensors.TensorPrimitives.Sum(support) + Epsilon;
                float weighted = 0;
                for (var i = 0; i < scores.Length; i++) weighted += scores[i] * (support[i] / totalSupport);
                return Tensor.Scalar(weighted);
            default:
                return Tensor.Scalar(scores.Average());
        }
    }

    public override JsonObject GetConfig()
    {
        var config = NameAndDTypeConfig();
        config["average"] = Average;
        config["beta"] = Beta;
        config["threshold"] = Threshold;
        return config;
    }

    internal static FBetaScore FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "fbeta_score", "FBetaScore");
        return new FBetaScore(ReadAverage(config, "FBetaScore"), config.GetFloat("beta", 1f, "FBetaScore"), ReadThreshold(config, "FBetaScore"), name!, dtype);
    }

    private protected static string? ReadAverage(JsonObject config, string owner) => config["average"] is null ? null : config.GetString("average", "", owner);

    private protected static float? ReadThreshold(JsonObject config, string owner) => config["threshold"] is null ? null : config.GetFloat("threshold", 0f, owner);

    // Keras's _build: the counts have one entry per class, or a single one for "micro".
    private void Build(int classes)
    {
        _classes = classes;
        var shape = Average == "micro" ? Shape.Scalar : new Shape(classes);
        _truePositives = AddVariable("true_positives", shape);
        _falsePositives = AddVariable("false_positives", shape);
        _falseNegatives = AddVariable("false_negatives", shape);
        _intermediateWeights = AddVariable("intermediate_weights", shape);
    }

    private static void Add(Variable variable, double[] values) =>
        variable.AssignAdd(Tensor.FromArray(values.Select(v => (float)v).ToArray(), variable.Shape.ToArray()));
}
