using System.Numerics.Tensors;

namespace NotebookKeras.Runtime.Backend.Cpu;

// The activation kernels. Parameterless forwards are IUnaryOperator structs (run through Elementwise.Map), written with
// TensorPrimitives where it has the function and with VectorMath otherwise; parameterized forwards and every derivative are
// IVectorFunction(2) structs run through VectorFunction. A derivative "...Gradient" returns upstream * f'(input), taking the op's
// input x (recomputing from x keeps full precision where the output saturates).

internal readonly struct ReluOperator : IUnaryOperator
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);
}

/// <summary>
/// Keras's <c>activations.relu</c>: (x if x &gt; threshold else 0), clipped to [0, maxValue] when a maximum is given, minus
/// negativeSlope * max(threshold - x, 0). Relu6 and leaky ReLU are special cases.
/// </summary>
internal readonly struct ReluFunction(float negativeSlope, float? maxValue, float threshold) : IVectorFunction
{
    private readonly float _lower = maxValue is null ? float.NegativeInfinity : 0f;
    private readonly float _upper = maxValue ?? float.PositiveInfinity;

    public TV Invoke<TV>(TV x) where TV : struct, IFloatVector<TV>
    {
        var y = TV.Min(TV.Max(TV.Select(TV.GreaterThan(x, threshold), x, 0f), _lower), _upper);
        if (negativeSlope != 0f) y -= TV.Max((TV)threshold - x, 0f) * negativeSlope;
        return TV.Select(TV.EqualTo(x, x), y, x); // NaN in, NaN out, as PyTorch
    }
}

internal readonly struct ReluGradient(float negativeSlope, float? maxValue, float threshold) : IVectorFunction2
{
    private readonly float _lower = maxValue is null ? float.NegativeInfinity : 0f;
    private readonly float _upper = maxValue ?? float.PositiveInfinity;

    public TV Invoke<TV>(TV x, TV g) where TV : struct, IFloatVector<TV>
    {
        // The clip passes the gradient only inside [lower, upper]; the negative part has slope negativeSlope below threshold.
        var inside = TV.Select(TV.GreaterThan(x, _upper), 0f, TV.Select(TV.LessThan(x, _lower), 0f, 1f));
        var slope = TV.Select(TV.GreaterThan(x, threshold), inside, 0f) + TV.Select(TV.LessThan(x, threshold), negativeSlope, 0f);
        return g * slope;
    }
}

/// <summary>x if x &gt; 0 else alpha * (e^x - 1); SELU is scale * elu(x, 1.67326...).</summary>
internal readonly struct EluFunction(float alpha, float scale = 1f) : IVectorFunction
{
    public TV Invoke<TV>(TV x) where TV : struct, IFloatVector<TV> =>
        TV.Select(TV.GreaterThan(x, 0f), x, VectorMath.Expm1NonPositive(TV.Min(x, 0f)) * alpha) * scale;
}

internal readonly struct EluGradient(float alpha, float scale = 1f) : IVectorFunction2
{
    public TV Invoke<TV>(TV x, TV g) where TV : struct, IFloatVector<TV> =>
        g * TV.Select(TV.GreaterThan(x, 0f), scale, TV.Exp(TV.Min(x, 0f)) * (alpha * scale));
}

internal readonly struct SeluOperator : IUnaryOperator
{
    public const float Alpha = 1.6732632423543772848170429916717f;
    public const float Scale = 1.0507009873554804934193349852946f;

    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => VectorFunction.Apply(new EluFunction(Alpha, Scale), x, y);
}

/// <summary>Exact GELU: x * Φ(x).</summary>
internal readonly struct GeluOperator : IUnaryOperator, IVectorFunction
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => VectorFunction.Apply(default(GeluOperator), x, y);

    public TV Invoke<TV>(TV x) where TV : struct, IFloatVector<TV> => x * VectorMath.NormalCdf(x);
}

internal readonly struct GeluGradient : IVectorFunction2
{
    public TV Invoke<TV>(TV x, TV g) where TV : struct, IFloatVector<TV> =>
        g * TV.MultiplyAdd(x, VectorMath.NormalPdf(x), VectorMath.NormalCdf(x));
}

/// <summary>
/// Tanh-approximate GELU, 0.5 x (1 + tanh(u)) with u = sqrt(2/π) (x + 0.044715 x³), computed as x * sigmoid(2u), the same value
/// without the cancellation of 1 + tanh(u) for negative x.
/// </summary>
internal readonly struct GeluTanhOperator : IUnaryOperator, IVectorFunction
{
    internal const float TwoK = 1.5957691216057308f; // 2 * sqrt(2/π)
    internal const float C = 0.044715f;

    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => VectorFunction.Apply(default(GeluTanhOperator), x, y);

    public TV Invoke<TV>(TV x) where TV : struct, IFloatVector<TV> => x * VectorMath.Sigmoid(TwoU(x));

    internal static TV TwoU<TV>(TV x) where TV : struct, IFloatVector<TV> => x * TV.MultiplyAdd(x * x, C * TwoK, TwoK);
}

internal readonly struct GeluTanhGradient : IVectorFunction2
{
    public TV Invoke<TV>(TV x, TV g) where TV : struct, IFloatVector<TV>
    {
        var (s, complement) = VectorMath.SigmoidPair(GeluTanhOperator.TwoU(x));
        var du = TV.MultiplyAdd(x * x, 3f * GeluTanhOperator.C * GeluTanhOperator.TwoK, GeluTanhOperator.TwoK); // d(2u)/dx
        return g * TV.MultiplyAdd(x * s * complement, du, s);
    }
}

internal readonly struct SigmoidOperator : IUnaryOperator
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        if (!x.IsEmpty) TensorPrimitives.Sigmoid(x, y); // it throws on empty spans, unlike the other TensorPrimitives functions
    }
}

/// <summary>upstream * sigmoid(x) (1 - sigmoid(x)), from x: from the output, 1 - y would cancel where y rounds to 1.</summary>
internal readonly struct SigmoidGradient : IVectorFunction2
{
    public TV Invoke<TV>(TV x, TV g) where TV : struct, IFloatVector<TV>
    {
        var (s, complement) = VectorMath.SigmoidPair(x);
        return g * s * complement;
    }
}

/// <summary>Keras 3's hard sigmoid: relu6(x + 3) / 6.</summary>
internal readonly struct HardSigmoidOperator : IUnaryOperator, IVectorFunction
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => VectorFunction.Apply(default(HardSigmoidOperator), x, y);

    public TV Invoke<TV>(TV x) where TV : struct, IFloatVector<TV> => Of(x);

    internal static TV Of<TV>(TV x) where TV : struct, IFloatVector<TV> => TV.Min(TV.Max(x + 3f, 0f), 6f) * (1f / 6f);
}

internal readonly struct HardSigmoidGradient : IVectorFunction2
{
    public TV Invoke<TV>(TV x, TV g) where TV : struct, IFloatVector<TV> =>
        TV.Select(TV.LessThan(TV.Abs(x), 3f), g * (1f / 6f), 0f);
}

/// <summary>Hard SiLU (hard swish): x * hard_sigmoid(x).</summary>
internal readonly struct HardSiluOperator : IUnaryOperator, IVectorFunction
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => VectorFunction.Apply(default(HardSiluOperator), x, y);

    public TV Invoke<TV>(TV x) where TV : struct, IFloatVector<TV> => x * HardSigmoidOperator.Of(x);
}

internal readonly struct HardSiluGradient : IVectorFunction2
{
    public TV Invoke<TV>(TV x, TV g) where TV : struct, IFloatVector<TV>
    {
        var middle = TV.MultiplyAdd(x, 1f / 3f, 0.5f); // d/dx x (x + 3) / 6
        return g * TV.Select(TV.LessThan(x, -3f), 0f, TV.Select(TV.GreaterThan(x, 3f), 1f, middle));
    }
}

/// <summary>SiLU (swish): x * sigmoid(x).</summary>
internal readonly struct SiluOperator : IUnaryOperator, IVectorFunction
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => VectorFunction.Apply(default(SiluOperator), x, y);

    public TV Invoke<TV>(TV x) where TV : struct, IFloatVector<TV> => x / (TV.Exp(-x) + 1f);
}

internal readonly struct SiluGradient : IVectorFunction2
{
    public TV Invoke<TV>(TV x, TV g) where TV : struct, IFloatVector<TV>
    {
        var (s, complement) = VectorMath.SigmoidPair(x);
        return g * s * TV.MultiplyAdd(x, complement, 1f);
    }
}

/// <summary>tanh with VectorMath's polynomial near 0 (TensorPrimitives.Tanh loses relative precision there: tanh(0) != 0).</summary>
internal readonly struct TanhOperator : IUnaryOperator, IVectorFunction
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => VectorFunction.Apply(default(TanhOperator), x, y);

    public TV Invoke<TV>(TV x) where TV : struct, IFloatVector<TV> => VectorMath.Tanh(x);
}

/// <summary>upstream * (1 - tanh²(x)), from x: from the output, 1 - y² would cancel where y rounds to ±1.</summary>
internal readonly struct TanhGradient : IVectorFunction2
{
    public TV Invoke<TV>(TV x, TV g) where TV : struct, IFloatVector<TV> => g * VectorMath.TanhDerivative(x);
}

internal readonly struct SoftplusOperator : IUnaryOperator, IVectorFunction
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => VectorFunction.Apply(default(SoftplusOperator), x, y);

    public TV Invoke<TV>(TV x) where TV : struct, IFloatVector<TV> => VectorMath.Softplus(x);
}

/// <summary>upstream * sigmoid(x).</summary>
internal readonly struct SoftplusGradient : IVectorFunction2
{
    public TV Invoke<TV>(TV x, TV g) where TV : struct, IFloatVector<TV> => g * VectorMath.SigmoidPair(x).Sigmoid;
}

/// <summary>x / (|x| + 1).</summary>
internal readonly struct SoftsignOperator : IUnaryOperator, IVectorFunction
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => VectorFunction.Apply(default(SoftsignOperator), x, y);

    public TV Invoke<TV>(TV x) where TV : struct, IFloatVector<TV> => x / (TV.Abs(x) + 1f);
}

internal readonly struct SoftsignGradient : IVectorFunction2
{
    public TV Invoke<TV>(TV x, TV g) where TV : struct, IFloatVector<TV>
    {
        var d = TV.Abs(x) + 1f;
        return g / (d * d);
    }
}

/// <summary>Mish: x * tanh(softplus(x)).</summary>
internal readonly struct MishOperator : IUnaryOperator, IVectorFunction
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => VectorFunction.Apply(default(MishOperator), x, y);

    public TV Invoke<TV>(TV x) where TV : struct, IFloatVector<TV> => x * VectorMath.Tanh(VectorMath.Softplus(x));
}

internal readonly struct MishGradient : IVectorFunction2
{
    public TV Invoke<TV>(TV x, TV g) where TV : struct, IFloatVector<TV>
    {
        var softplus = VectorMath.Softplus(x);
        var dTanh = VectorMath.TanhDerivative(softplus);
        return g * TV.MultiplyAdd(x * VectorMath.SigmoidPair(x).Sigmoid, dTanh, VectorMath.Tanh(softplus));
    }
}
