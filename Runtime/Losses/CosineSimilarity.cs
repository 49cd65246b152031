using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers.Normalization;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>
/// The negated cosine similarity along <see cref="Axis"/>, -sum(l2_normalize(y_true) l2_normalize(y_pred)) (Keras's
/// <c>CosineSimilarity</c>, "cosine_similarity"): -1 for vectors pointing the same way, 0 for orthogonal ones (and whenever
/// either is a zero vector), 1 for opposite ones.
/// </summary>
public sealed class CosineSimilarity : Loss
{
    // Keras's normalize caps the inverse norm at 1 / epsilon, i.e. clamps the squared norm at epsilon².
    private const float MinSquareSum = Epsilon * Epsilon;

    public CosineSimilarity(int axis = -1, string reduction = "sum_over_batch_size", string name = "cosine_similarity")
        : base(name, reduction)
    {
        Axis = axis;
    }

    /// <summary>The axis along which the similarity is computed (the features axis).</summary>
    public int Axis { get; }

    public override string ClassName => "CosineSimilarity";

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = SameRank(yTrue, yPred);
        var axis = CheckAxis(Axis, p);
        var product = UnitNormalization.L2Normalize(t, [axis], MinSquareSum) * UnitNormalization.L2Normalize(p, [axis], MinSquareSum);
        return -Ops.Sum(product, axis);
    }

    /// <summary>name, reduction and axis (Keras leaves axis out of its config; it is kept here so that a non-default axis round-trips).</summary>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis;
        return config;
    }

    internal static CosineSimilarity FromConfig(JsonObject config) => new(
        config.GetInt("axis", -1, "CosineSimilarity"),
        ConfigReduction(config, "CosineSimilarity"),
        ConfigName(config, "cosine_similarity", "CosineSimilarity"));
}
