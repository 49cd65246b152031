using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>How Keras's reduction metrics (Mean, Sum and the metrics built on them) weight and reduce a batch of values.</summary>
internal static class SampleWeights
{
    /// <summary>
    /// Keras's <c>reduce_to_samplewise_values</c>: matches the weights' rank to the values', reduces the values' extra axes,
    /// multiplies by the broadcast weights, then reduces everything past the batch axis. <paramref name="mean"/> picks the
    /// reduction (mean for Mean, sum for Sum). Returns the per-sample values and the weights reduced to the batch axis (null
    /// when no weights were given).
    /// </summary>
    public static (Tensor Values, Tensor? Weights) ReduceToSamplewise(Tensor values, Tensor? sampleWeight, bool mean)
    {
        values = Ops.AsFloat32(values);
        if (sampleWeight is not null)
        {
            sampleWeight = Ops.AsFloat32(sampleWeight);
            if (values.KerasMask is { } mask) sampleWeight = ApplyMask(sampleWeight, mask);
            (values, var weights) = RankMatching.SqueezeOrExpand(values, sampleWeight!);
            int weightRank = weights.Rank, valuesRank = values.Rank;
            if (valuesRank > weightRank) values = Reduce(values, Axes(weightRank, valuesRank), mean);
            weights = Ops.BroadcastTo(weights, values.Shape);
            values = Ops.Multiply(values, weights);
            sampleWeight = weightRank > 1 ? Reduce(weights, Axes(1, weightRank), mean) : weights;
        }
        if (values.Rank > 1) values = Reduce(values, Axes(1, values.Rank), mean);
        return (values, sampleWeight);
    }

    /// <summary>
    /// Keras's <c>apply_mask(sample_weight, mask, reduction="sum")</c>: the mask (1 where valid) multiplies the weights, or
    /// becomes them when there are none.
    /// </summary>
    public static Tensor? ApplyMask(Tensor? sampleWeight, Tensor? mask)
    {
        if (mask is null) return sampleWeight;
        mask = Ops.AsFloat32(mask);
        if (sampleWeight is null) return mask;
        (mask, sampleWeight) = RankMatching.SqueezeOrExpand(mask, Ops.AsFloat32(sampleWeight));
        return Ops.Multiply(sampleWeight, mask);
    }

    private static Tensor Reduce(Tensor x, int[] axes, bool mean) => mean ? Ops.Mean(x, axes) : Ops.Sum(x, axes);

    private static int[] Axes(int from, int to) => Enumerable.Range(from, to - from).ToArray();
}
