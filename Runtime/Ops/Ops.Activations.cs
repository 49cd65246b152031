using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>
    /// Rectified linear unit with the arguments of Keras's <c>activations.relu</c>: x where x &gt; threshold (else 0), clipped to
    /// [0, maxValue] when <paramref name="maxValue"/> is given, minus negativeSlope * max(threshold - x, 0). The defaults give
    /// max(x, 0).
    /// </summary>
    public static Tensor Relu(Tensor x, float negativeSlope = 0f, float? maxValue = null, float threshold = 0f)
    {
        RequireFloat(x, "relu");
        if (maxValue is < 0f)
            throw new ArgumentOutOfRangeException(nameof(maxValue), maxValue, $"relu: maxValue must be >= 0 (it clips to [0, maxValue]); got {maxValue}.");
        var y = negativeSlope == 0f && maxValue is null && threshold == 0f
            ? Map<ReluOperator>(x)
            : MapWith(new ReluFunction(negativeSlope, maxValue, threshold), x);
        if (GradientTape.IsRecording(x))
            GradientTape.Record("relu", y, [x], g => [MapDerivative(new ReluGradient(negativeSlope, maxValue, threshold), x, g)]);
        return y;
    }

    /// <summary>min(max(x, 0), 6).</summary>
    public static Tensor Relu6(Tensor x) => Relu(x, maxValue: 6f);

    /// <summary>x if x &gt;= 0 else negativeSlope * x (Keras 3 default slope 0.2).</summary>
    public static Tensor LeakyRelu(Tensor x, float negativeSlope = 0.2f) => Relu(x, negativeSlope: negativeSlope);

    /// <summary>Exponential linear unit: x if x &gt; 0 else alpha * (e^x - 1).</summary>
    public static Tensor Elu(Tensor x, float alpha = 1f)
    {
        RequireFloat(x, "elu");
        var y = MapWith(new EluFunction(alpha), x);
        if (GradientTape.IsRecording(x))
            GradientTape.Record("elu", y, [x], g => [MapDerivative(new EluGradient(alpha), x, g)]);
        return y;
    }

    /// <summary>Scaled ELU: 1.0507... * elu(x, alpha: 1.6732...).</summary>
    public static Tensor Selu(Tensor x) =>
        MapWithDerivative<SeluOperator, EluGradient>(x, "selu", new EluGradient(SeluOperator.Alpha, SeluOperator.Scale));

    /// <summary>
    /// Gaussian error linear unit, x * Φ(x). <paramref name="approximate"/> (the default of Keras's <c>ops.gelu</c>) uses
    /// 0.5 x (1 + tanh(sqrt(2/π) (x + 0.044715 x³))); false gives the exact erf form, the default of <c>activations.gelu</c>
    /// and of the "gelu" string name.
    /// </summary>
    public static Tensor Gelu(Tensor x, bool approximate = true) => approximate
        ? MapWithDerivative<GeluTanhOperator, GeluTanhGradient>(x, "gelu", default)
        : MapWithDerivative<GeluOperator, GeluGradient>(x, "gelu", default);

    /// <summary>1 / (1 + e^-x).</summary>
    public static Tensor Sigmoid(Tensor x) => MapWithDerivative<SigmoidOperator, SigmoidGradient>(x, "sigmoid", default);

    /// <summary>Keras 3's hard sigmoid, relu6(x + 3) / 6: 0 below -3, 1 above 3, x / 6 + 0.5 between.</summary>
    public static Tensor HardSigmoid(Tensor x) => MapWithDerivative<HardSigmoidOperator, HardSigmoidGradient>(x, "hard_sigmoid", default);

    /// <summary>Hard SiLU, x * hard_sigmoid(x): 0 below -3, x above 3, x (x + 3) / 6 between.</summary>
    public static Tensor HardSilu(Tensor x) => MapWithDerivative<HardSiluOperator, HardSiluGradient>(x, "hard_silu", default);

    /// <summary>Alias of <see cref="HardSilu"/>.</summary>
    public static Tensor HardSwish(Tensor x) => HardSilu(x);

    /// <summary>SiLU, x * sigmoid(x).</summary>
    public static Tensor Silu(Tensor x) => MapWithDerivative<SiluOperator, SiluGradient>(x, "silu", default);

    /// <summary>Alias of <see cref="Silu"/>.</summary>
    public static Tensor Swish(Tensor x) => Silu(x);

    /// <summary>Hyperbolic tangent.</summary>
    public static Tensor Tanh(Tensor x) => MapWithDerivative<TanhOperator, TanhGradient>(x, "tanh", default);

    /// <summary>log(1 + e^x), computed without overflow.</summary>
    public static Tensor Softplus(Tensor x) => MapWithDerivative<SoftplusOperator, SoftplusGradient>(x, "softplus", default);

    /// <summary>x / (|x| + 1).</summary>
    public static Tensor Softsign(Tensor x) => MapWithDerivative<SoftsignOperator, SoftsignGradient>(x, "softsign", default);

    /// <summary>Mish, x * tanh(softplus(x)).</summary>
    public static Tensor Mish(Tensor x) => MapWithDerivative<MishOperator, MishGradient>(x, "mish", default);

    /// <summary>An element-wise op whose backward needs its input x.</summary>
    private static Tensor MapWithDerivative<TOp, TGrad>(Tensor x, string op, TGrad gradient)
        where TOp : struct, IUnaryOperator where TGrad : struct, IVectorFunction2
    {
        RequireFloat(x, op);
        var y = Map<TOp>(x);
        if (GradientTape.IsRecording(x))
            GradientTape.Record(op, y, [x], g => [MapDerivative(gradient, x, g)]);
        return y;
    }

    /// <summary>An element-wise op whose backward is cheapest from its output y.</summary>
    private static Tensor MapWithOutputDerivative<TOp, TGrad>(Tensor x, string op)
        where TOp : struct, IUnaryOperator where TGrad : struct, IVectorFunction2
    {
        RequireFloat(x, op);
        var y = Map<TOp>(x);
        if (GradientTape.IsRecording(x))
            GradientTape.Record(op, y, [x], g => [MapDerivative(default(TGrad), y, g)]);
        return y;
    }

    /// <summary>A new tensor f(x) for a parameterized kernel, in parallel for large inputs.</summary>
    internal static Tensor MapWith<TFn>(TFn fn, Tensor x) where TFn : struct, IVectorFunction
    {
        var y = Tensor.Empty(x.Shape);
        VectorFunction.ApplyParallel(fn, x.AsSpan(), y.Floats);
        return y;
    }

    /// <summary>A backward kernel: upstream * f'(a), with a the op's input or output (same shape as the upstream gradient).</summary>
    internal static Tensor MapDerivative<TFn>(TFn derivative, Tensor a, Tensor upstream) where TFn : struct, IVectorFunction2
    {
        var dx = Tensor.Empty(a.Shape);
        VectorFunction.ApplyParallel(derivative, a.AsSpan(), upstream.AsSpan(), dx.Floats);
        return dx;
    }
}
