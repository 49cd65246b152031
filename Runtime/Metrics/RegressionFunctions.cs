using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>Keras's per-sample regression errors (<c>keras.metrics.mean_squared_error</c>, ...): averages over the last axis.</summary>
internal static class RegressionFunctions
{
    /// <summary>Keras's <c>backend.epsilon()</c>.</summary>
    private const float Epsilon = 1e-7f;

    /// <summary>mean(square(y_true - y_pred), axis=-1).</summary>
    public static Tensor MeanSquaredError(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Matched(yTrue, yPred);
        return Ops.Mean(Ops.Square(Ops.Subtract(t, p)), -1);
    }

    /// <summary>mean(abs(y_true - y_pred), axis=-1).</summary>
    public static Tensor MeanAbsoluteError(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Matched(yTrue, yPred);
        return Ops.Mean(Ops.Abs(Ops.Subtract(t, p)), -1);
    }

    /// <summary>100 * mean(abs((y_true - y_pred) / maximum(abs(y_true), epsilon)), axis=-1).</summary>
    public static Tensor MeanAbsolutePercentageError(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Matched(yTrue, yPred);
        var diff = Ops.Abs(Ops.Divide(Ops.Subtract(t, p), Ops.Maximum(Ops.Abs(t), Epsilon)));
        return Ops.Multiply(Tensor.Scalar(100f), Ops.Mean(diff, -1));
    }

    /// <summary>mean(square(log(maximum(y_pred, epsilon) + 1) - log(maximum(y_true, epsilon) + 1)), axis=-1).</summary>
    public static Tensor MeanSquaredLogarithmicError(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = Matched(yTrue, yPred);
        var first = Ops.Log(Ops.Add(Ops.Maximum(p, Epsilon), Tensor.Scalar(1f)));
        var second = Ops.Log(Ops.Add(Ops.Maximum(t, Epsilon), Tensor.Scalar(1f)));
        return Ops.Mean(Ops.Square(Ops.Subtract(first, second)), -1);
    }

    private static (Tensor True, Tensor Pred) Matched(Tensor yTrue, Tensor yPred) =>
        RankMatching.SqueezeOrExpand(Ops.AsFloat32(yTrue), Ops.AsFloat32(yPred));
}
