using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>
/// The crossentropies of Keras's backends (<c>keras.ops.binary_crossentropy</c> and <c>categorical_crossentropy</c>), shared
/// by the crossentropy losses: probabilities are clipped to [1e-7, 1 - 1e-7] before the logarithm, logits go through the
/// numerically stable forms.
/// </summary>
internal static class Crossentropy
{
    private const float Epsilon = 1e-7f;

    /// <summary>
    /// Element-wise binary crossentropy of <paramref name="target"/> and <paramref name="output"/> (same shape):
    /// -(t log p + (1 - t) log(1 - p)) with p clipped, or, from logits x, max(x, 0) - x t + log(1 + e^-|x|).
    /// </summary>
    public static Tensor Binary(Tensor target, Tensor output, bool fromLogits)
    {
        if (fromLogits) return SigmoidWithLogits(target, output);
        var p = Ops.Clip(output, Epsilon, 1f - Epsilon);
        var bce = target * Ops.Log(p) + (1f - target) * Ops.Log(1f - p);
        return -bce;
    }

    /// <summary>
    /// Categorical crossentropy along <paramref name="axis"/>: -sum(t log_softmax(x)) from logits; from probabilities, each
    /// distribution is renormalized to sum to 1 and clipped first, -sum(t log(clip(p / sum(p)))).
    /// </summary>
    public static Tensor Categorical(Tensor target, Tensor output, bool fromLogits, int axis)
    {
        if (fromLogits) return -Ops.Sum(target * Ops.LogSoftmax(output, axis), axis);
        var p = Ops.Clip(output / Ops.Sum(output, axis, keepDims: true), Epsilon, 1f - Epsilon);
        return -Ops.Sum(target * Ops.Log(p), axis);
    }

    /// <summary>
    /// The stable sigmoid crossentropy from logits (TensorFlow's <c>sigmoid_cross_entropy_with_logits</c>). Recorded as one op:
    /// its gradient sigmoid(x) - t is exact everywhere, including x = 0 where the composed max/abs form has no derivative.
    /// </summary>
    private static Tensor SigmoidWithLogits(Tensor labels, Tensor logits)
    {
        var loss = GradientTape.NoRecord(() => Ops.Relu(logits) - logits * labels + Ops.Softplus(-Ops.Abs(logits)));
        if (GradientTape.IsRecording(labels, logits))
            GradientTape.Record("sigmoid_cross_entropy_with_logits", loss, [labels, logits], g => [g * -logits, g * (Ops.Sigmoid(logits) - labels)]);
        return loss;
    }
}
