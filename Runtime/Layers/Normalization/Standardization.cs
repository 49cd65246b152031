using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Normalization;

/// <summary>
/// The affine normalization shared by BatchNormalization, LayerNormalization and GroupNormalization, in the form of Keras's
/// <c>ops.batch_normalization</c>: <c>x * inv + (beta - mean * inv)</c> with <c>inv = gamma / sqrt(variance + epsilon)</c>, which
/// equals <c>gamma * (x - mean) / sqrt(variance + epsilon) + beta</c> with one fewer pass over x.
/// </summary>
internal static class Standardization
{
    /// <summary>Normalizes x; mean, variance, gamma and beta must already broadcast against x (size-1 axes where reduced).</summary>
    public static Tensor Apply(Tensor x, Tensor mean, Tensor variance, Tensor? gamma, Tensor? beta, float epsilon)
    {
        var inv = InverseStd(variance, epsilon);
        if (gamma is not null) inv = Ops.Multiply(inv, gamma);
        var shift = Ops.Negative(Ops.Multiply(mean, inv));
        if (beta is not null) shift = Ops.Add(shift, beta);
        return Ops.Add(Ops.Multiply(x, inv), shift);
    }

    /// <summary>1 / sqrt(variance + epsilon) (Keras's <c>rsqrt</c>).</summary>
    public static Tensor InverseStd(Tensor variance, float epsilon) => Ops.Power(Ops.Add(variance, Tensor.Scalar(epsilon)), -0.5f);
}
