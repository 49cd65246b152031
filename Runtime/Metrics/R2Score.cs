using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// The coefficient of determination, 1 - sum((y - ŷ)²) / sum((y - mean(y))²), per output column of (samples, outputs) data
/// (Keras's <c>R2Score(class_aggregation="uniform_average", num_regressors=0, name="r2_score")</c>). Columns are aggregated by
/// their plain mean ("uniform_average"), by their variance ("variance_weighted_average"), or not at all (null). With
/// <see cref="NumRegressors"/> p > 0 it is the adjusted R², 1 - (1 - R²)(n - 1)/(n - p - 1), falling back to the plain score
/// when p >= n - 1 (n counts every value seen, as in Keras).
/// </summary>
public sealed class R2Score : Metric
{
    private readonly Variable _numSamples;
    private Variable? _squaredSum, _sum, _residual, _count;

    public R2Score(string? classAggregation = "uniform_average", int numRegressors = 0, string name = "r2_score", DType dtype = DType.Float32)
        : base(name, dtype)
    {
        if (classAggregation is not (null or "uniform_average" or "variance_weighted_average"))
            throw Error($"invalid classAggregation \"{classAggregation}\"; expected null, \"uniform_average\" or \"variance_weighted_average\".", nameof(classAggregation));
        if (numRegressors < 0)
            throw new ArgumentOutOfRangeException(nameof(numRegressors), numRegressors, $"{Owner}: numRegressors must be >= 0; got {numRegressors}.");
        ClassAggregation = classAggregation;
        NumRegressors = numRegressors;
        _numSamples = AddVariable("num_samples", Shape.Scalar);
        Direction = "up";
    }

    public override string ClassName => "R2Score";

    /// <summary>null, "uniform_average" or "variance_weighted_average".</summary>
    public string? ClassAggregation { get; }

    /// <summary>The number of independent regressors p of the adjusted R² (0: the plain R²).</summary>
    public int NumRegressors { get; }

    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => Update(yTrue, yPred, sampleWeight, () =>
    {
        var (t, p) = RankMatching.SqueezeOrExpand(Ops.AsFloat32(yTrue), Ops.AsFloat32(yPred));
        if (t.Rank != 2 || p.Rank != 2)
            throw Error($"expects 2-D inputs of shape (batch_size, output_dim); got y_true of shape {yTrue.Shape} and y_pred of shape {yPred.Shape}.");
        if (_sum is null) Build(p.Shape[1]);
        else if (_sum.Shape[0] != p.Shape[1]) throw Error($"was built for {_sum.Shape[0]} outputs; got y_pred of shape {yPred.Shape}.");
        var weights = sampleWeight is null ? Tensor.Scalar(1f) : Ops.AsFloat32(sampleWeight);
        if (weights.Rank == 1) weights = Ops.ExpandDims(weights, 1);
        weights = Ops.BroadcastTo(weights, t.Shape);
        var weightedTrue = Ops.Multiply(t, weights);
        _sum!.AssignAdd(Ops.Sum(weightedTrue, 0));
        _squaredSum!.AssignAdd(Ops.Sum(Ops.Multiply(t, weightedTrue), 0));
        _residual!.AssignAdd(Ops.Sum(Ops.Multiply(Ops.Square(Ops.Subtract(t, p)), weights), 0));
        _count!.AssignAdd(Ops.Sum(weights, 0));
        _numSamples.AssignAdd(Tensor.Scalar((float)t.Size));
    });

    /// <summary>The score: per column when <see cref="ClassAggregation"/> is null, a scalar otherwise.</summary>
    public override Tensor Result()
    {
        if (_sum is null) throw new InvalidOperationException($"{Owner}: no batch has been seen yet, so the number of outputs is unknown; call UpdateState first.");
        ReadOnlySpan<float> sum = _sum.Value.AsSpan(), squaredSum = _squaredSum!.Value.AsSpan(), residual = _residual!.Value.AsSpan(), count = _count!.Value.AsSpan();
        var columns = sum.Length;
        float[] total = new float[columns], raw = new float[columns];
        for (var i = 0; i < columns; i++)
        {
            var mean = sum[i] / count[i];
            total[i] = squaredSum[i] - sum[i] * mean;
            var score = 1 - residual[i] / total[i];
            raw[i] = float.IsInfinity(score) ? 0f : score;
        }
        var scores = ClassAggregation switch
        {
            "uniform_average" => [raw.Average()],
            "variance_weighted_average" => [Weighted(total, raw)],
            _ => raw,
        };
        var n = _numSamples.Value.Item();
        var regressors = (float)NumRegressors;
        // Keras warns and keeps the plain score when the adjustment would divide by zero or flip sign.
        if (NumRegressors != 0 && regressors < n - 1)
        {
            for (var i = 0; i < scores.Length; i++) scores[i] = 1 - (1 - scores[i]) * (n - 1) / (n - regressors - 1);
        }
        return ClassAggregation is null ? Tensor.FromArray(scores) : Tensor.Scalar(scores[0]);
    }

    public override JsonObject GetConfig()
    {
        var config = NameAndDTypeConfig();
        config["class_aggregation"] = ClassAggregation;
        config["num_regressors"] = NumRegressors;
        return config;
    }

    internal static R2Score FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "r2_score", "R2Score");
        var aggregation = config.ContainsKey("class_aggregation") && config["class_aggregation"] is null
            ? null
            : config.GetString("class_aggregation", "uniform_average", "R2Score");
        return new R2Score(aggregation, config.GetInt("num_regressors", 0, "R2Score"), name!, dtype);
    }

    private static float Weighted(float[] total, float[] raw)
    {
        float weighted = 0, weights = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            weighted += total[i] * raw[i];
            weights += total[i];
        }
        return weighted / weights;
    }

    // Keras's _build: per-output sums, created when the number of outputs is first seen.
    private void Build(int columns)
    {
        var shape = new Shape(columns);
        _squaredSum = AddVariable("squared_sum", shape);
        _sum = AddVariable("sum", shape);
        _residual = AddVariable("residual", shape);
        _count = AddVariable("count", shape);
    }
}
