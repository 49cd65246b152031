using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// Keras's crossentropies as per-sample functions (<c>keras.metrics.binary_crossentropy</c>, ...). Probabilities are clipped to
/// [epsilon, 1 - epsilon] (epsilon = 1e-7) before the log, as the NumPy, JAX and PyTorch backends of Keras do; logits go
/// through the numerically stable log-sigmoid and log-softmax forms.
/// </summary>
internal static class CrossentropyFunctions
{
    /// <summary>Keras's <c>backend.epsilon()</c>.</summary>
    private const float Epsilon = 1e-7f;

    /// <summary>mean(binary crossentropy, axis); labels smoothed towards 0.5 by <paramref name="labelSmoothing"/>.</summary>
    public static Tensor Binary(Tensor yTrue, Tensor yPred, bool fromLogits, float labelSmoothing, int axis = -1)
    {
        var t = Ops.AsFloat32(yTrue);
        var p = Ops.AsFloat32(yPred);
        SameShape(t, p, "binary_crossentropy");
        if (labelSmoothing != 0) t = Ops.Add(Ops.Multiply(t, Tensor.Scalar(1f - labelSmoothing)), Tensor.Scalar(0.5f * labelSmoothing));
        Tensor elementwise;
        if (fromLogits)
        {
            // max(x, 0) - x * z + log(1 + exp(-|x|)): exact for large |x|, unlike clipping sigmoid(x).
            elementwise = Ops.Add(Ops.Subtract(Ops.Relu(p), Ops.Multiply(p, t)), Ops.Softplus(Ops.Negative(Ops.Abs(p))));
        }
        else
        {
            p = Ops.Clip(p, Epsilon, 1f - Epsilon);
            var positive = Ops.Multiply(t, Ops.Log(p));
            var negative = Ops.Multiply(Ops.Subtract(Tensor.Scalar(1f), t), Ops.Log(Ops.Subtract(Tensor.Scalar(1f), p)));
            elementwise = Ops.Negative(Ops.Add(positive, negative));
        }
        return Ops.Mean(elementwise, axis);
    }

    /// <summary>-sum(y_true * log(y_pred), axis) for one-hot (or soft) labels; labels smoothed by <paramref name="labelSmoothing"/>.</summary>
    public static Tensor Categorical(Tensor yTrue, Tensor yPred, bool fromLogits, float labelSmoothing, int axis = -1)
    {
        var t = Ops.AsFloat32(yTrue);
        var p = Ops.AsFloat32(yPred);
        SameShape(t, p, "categorical_crossentropy");
        if (labelSmoothing != 0)
        {
            // Keras smooths over the last axis's size, whatever the axis.
            var classes = t.Shape[-1];
            t = Ops.Add(Ops.Multiply(t, Tensor.Scalar(1f - labelSmoothing)), Tensor.Scalar(labelSmoothing / classes));
        }
        return Ops.Negative(Ops.Sum(Ops.Multiply(t, LogProbabilities(p, fromLogits, axis)), axis));
    }

    /// <summary>-log(y_pred[label]) along <paramref name="axis"/> for integer labels (of y_pred's shape without that axis, or with a size-1 last axis).</summary>
    public static Tensor SparseCategorical(Tensor yTrue, Tensor yPred, bool fromLogits, int axis = -1)
    {
        var p = Ops.AsFloat32(yPred);
        if (p.Rank < 1)
            throw new ArgumentException($"sparse_categorical_crossentropy: y_pred must have a class axis; got a scalar.");
        var labels = yTrue;
        if (labels.Rank == p.Rank && labels.Shape[-1] == 1) labels = Ops.Squeeze(labels, -1);
        var a = p.Shape.NormalizeAxis(axis);
        var expected = new Shape([.. p.Shape.Dims[..a], .. p.Shape.Dims[(a + 1)..]]);
        if (labels.Shape != expected)
            throw new ArgumentException(
                $"sparse_categorical_crossentropy: y_true must hold one class index per sample, shape {expected} (y_pred's shape without axis {axis}); got {yTrue.Shape}.");
        var classes = p.Shape[a];
        var indices = Tensor.FromArray(AccuracyFunctions.ClassIndices(labels, classes, "sparse_categorical_crossentropy"), expected.ToArray());
        var oneHot = Ops.OneHot(indices, classes, a);
        return Ops.Negative(Ops.Sum(Ops.Multiply(oneHot, LogProbabilities(p, fromLogits, a)), a));
    }

    // log_softmax of logits, or the log of probabilities renormalized along the axis and clipped.
    private static Tensor LogProbabilities(Tensor p, bool fromLogits, int axis)
    {
        if (fromLogits) return Ops.LogSoftmax(p, axis);
        var normalized = Ops.Divide(p, Ops.Sum(p, axis, keepDims: true));
        return Ops.Log(Ops.Clip(normalized, Epsilon, 1f - Epsilon));
    }

    private static void SameShape(Tensor t, Tensor p, string op)
    {
        if (t.Shape != p.Shape)
            throw new ArgumentException($"{op}: y_true and y_pred must have the same shape; got {t.Shape} and {p.Shape}.");
    }
}
