using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>Keras's <c>squeeze_or_expand_to_same_rank</c>: reconciles labels (batch, 1) with predictions (batch,) and the like.</summary>
internal static class RankMatching
{
    /// <summary>
    /// When the ranks differ by exactly one and the longer one ends in a size-1 axis, squeezes that axis away, or, when the
    /// shorter one has rank 1 and <paramref name="expandRank1"/> is set, expands the shorter one instead.
    /// </summary>
    public static (Tensor X1, Tensor X2) SqueezeOrExpand(Tensor x1, Tensor x2, bool expandRank1 = true)
    {
        int r1 = x1.Rank, r2 = x2.Rank;
        if (r1 == r2) return (x1, x2);
        if (r1 == r2 + 1 && x1.Shape[-1] == 1)
        {
            if (r2 == 1 && expandRank1) x2 = Ops.ExpandDims(x2, -1);
            else x1 = Ops.Squeeze(x1, -1);
        }
        if (r2 == r1 + 1 && x2.Shape[-1] == 1)
        {
            if (r1 == 1 && expandRank1) x1 = Ops.ExpandDims(x1, -1);
            else x2 = Ops.Squeeze(x2, -1);
        }
        return (x1, x2);
    }
}
