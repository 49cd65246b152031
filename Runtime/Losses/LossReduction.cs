using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>
/// How per-sample losses become the loss, exactly as Keras 3's <c>keras/src/losses/loss.py</c>: masks are merged into the
/// sample weights (<c>apply_mask</c>), the weights multiply the values (<c>reduce_weighted_values</c>), and the reduction sums
/// them, dividing by the number of elements or by the sum of the weights (<c>reduce_values</c>).
/// </summary>
internal static class LossReduction
{
    /// <summary>Keras's <c>reduce_weighted_values</c>; <paramref name="owner"/> names the loss in errors.</summary>
    public static Tensor ReduceWeightedValues(Tensor values, Tensor? sampleWeight, Tensor? mask, string reduction, string owner)
    {
        if (!Loss.Reductions.Contains(reduction))
            throw new ArgumentException($"{owner}: invalid reduction '{reduction}'; expected one of {string.Join(", ", Loss.Reductions)}.", nameof(reduction));
        var weight = ApplyMask(sampleWeight is null ? null : Ops.AsFloat32(sampleWeight), mask, reduction);
        if (weight is not null)
        {
            var original = weight.Shape;
            (values, weight) = SqueezeOrExpandToSameRank(values, weight);
            try
            {
                OpShapes.Broadcast(values.Shape, weight.Shape, owner);
            }
            catch (ArgumentException)
            {
                throw new ArgumentException(
                    $"{owner}: sample_weight of shape {original} cannot be applied to the per-sample losses of shape {values.Shape}; " +
                    "give one weight per sample (shape (batch,)) or a shape that broadcasts to the losses.", nameof(sampleWeight));
            }
            values = Ops.Multiply(values, weight);
        }
        return ReduceValues(values, weight, reduction);
    }

    /// <summary>
    /// Keras's <c>reduce_values</c>: "none", a scalar or an empty vector are returned as they are; otherwise the sum, divided by
    /// the number of elements ("sum_over_batch_size", "mean") or by the sum of the weights ("mean_with_sample_weight"), a zero
    /// divisor giving 0 (<c>divide_no_nan</c>).
    /// </summary>
    public static Tensor ReduceValues(Tensor values, Tensor? sampleWeight, string reduction)
    {
        if (reduction == "none" || values.Rank == 0 || (values.Rank == 1 && values.Shape[0] == 0)) return values;
        var loss = Ops.Sum(values);
        if (reduction == "sum") return loss;
        float divisor = reduction == "mean_with_sample_weight" && sampleWeight is not null
            ? Ops.Sum(sampleWeight).Item()
            : values.Size;
        return divisor == 0f ? Tensor.Scalar(0f) : Ops.Divide(loss, Tensor.Scalar(divisor));
    }

    /// <summary>
    /// Keras's <c>apply_mask</c>: the mask (1 valid, 0 masked) becomes a sample weight, scaled by total / valid for the averaging
    /// reductions so that the average runs over the valid entries only, and multiplied into any sample weight.
    /// </summary>
    public static Tensor? ApplyMask(Tensor? sampleWeight, Tensor? mask, string reduction)
    {
        if (mask is null) return sampleWeight;
        mask = Ops.AsFloat32(mask);
        if (reduction is "mean" or "sum_over_batch_size")
        {
            var valid = Ops.Sum(mask).Item();
            mask = Ops.Multiply(mask, Tensor.Scalar(valid == 0f ? 0f : mask.Size / valid));
        }
        if (sampleWeight is null) return mask;
        (mask, sampleWeight) = SqueezeOrExpandToSameRank(mask, sampleWeight);
        return Ops.Multiply(sampleWeight, mask);
    }

    /// <summary>
    /// Keras's <c>squeeze_or_expand_to_same_rank</c>: when the ranks differ by one and the larger has a trailing axis of size 1,
    /// that axis is squeezed, or, when the smaller has rank 1 (and <paramref name="expandRank1"/>), one is added to it.
    /// </summary>
    public static (Tensor X1, Tensor X2) SqueezeOrExpandToSameRank(Tensor x1, Tensor x2, bool expandRank1 = true)
    {
        int rank1 = x1.Rank, rank2 = x2.Rank;
        if (rank1 == rank2) return (x1, x2);
        if (rank1 == rank2 + 1 && x1.Shape[-1] == 1)
        {
            if (rank2 == 1 && expandRank1) x2 = Ops.ExpandDims(x2, -1);
            else x1 = Ops.Squeeze(x1, -1);
        }
        if (rank2 == rank1 + 1 && x2.Shape[-1] == 1)
        {
            if (rank1 == 1 && expandRank1) x1 = Ops.ExpandDims(x1, -1);
            else x2 = Ops.Squeeze(x2, -1);
        }
        return (x1, x2);
    }
}
