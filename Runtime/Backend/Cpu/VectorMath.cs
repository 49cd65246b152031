using System.Runtime.CompilerServices;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Transcendental building blocks for the activation kernels, generic over the vector width and accurate to a few float ulps
/// over the whole range (including where the textbook formulas cancel or overflow).
/// </summary>
internal static class VectorMath
{
    /// <summary>1 / (1 + e^-x); saturates cleanly (e^-x = inf gives 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Sigmoid<TV>(TV x) where TV : struct, IFloatVector<TV> => (TV)1f / ((TV)1f + TV.Exp(-x));

    /// <summary>
    /// sigmoid(x) and 1 - sigmoid(x), each to full relative precision (the second is not computed as a difference), from one
    /// exponential that cannot overflow: with e = e^-|x|, sigmoid(|x|) = 1 / (1 + e) and sigmoid(-|x|) = e / (1 + e).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TV Sigmoid, TV Complement) SigmoidPair<TV>(TV x) where TV : struct, IFloatVector<TV>
    {
        var e = TV.Exp(-TV.Abs(x));
        var high = (TV)1f / (e + 1f);
        var low = e * high;
        var negative = TV.LessThan(x, 0f);
        return (TV.Select(negative, low, high), TV.Select(negative, high, low));
    }

    /// <summary>tanh(x): an odd polynomial below |x| = 0.625 (Cephes tanhf), where 1 - 2/(e^2|x| + 1) would cancel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Tanh<TV>(TV x) where TV : struct, IFloatVector<TV>
    {
        var a = TV.Abs(x);
        var z = x * x;
        var p = TV.MultiplyAdd(z, -5.70498872745e-3f, 2.06390887954e-2f);
        p = TV.MultiplyAdd(p, z, -5.37397155531e-2f);
        p = TV.MultiplyAdd(p, z, 1.33314422036e-1f);
        p = TV.MultiplyAdd(p, z, -3.33332819422e-1f);
        var small = TV.MultiplyAdd(p * z, x, x);
        var large = (TV)1f - (TV)2f / (TV.Exp(a + a) + 1f);
        large = TV.Select(TV.LessThan(x, 0f), -large, large);
        return TV.Select(TV.LessThan(a, 0.625f), small, large);
    }

    /// <summary>1 - tanh²(x) = 4e / (1 + e)² with e = e^-2|x|: no cancellation where tanh(x) rounds to ±1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV TanhDerivative<TV>(TV x) where TV : struct, IFloatVector<TV>
    {
        var e = TV.Exp(TV.Abs(x) * -2f);
        var d = e + 1f;
        return e * 4f / (d * d);
    }

    /// <summary>log(1 + u) for finite u > -1 (Kahan's trick: the rounding error of 1 + u cancels in the ratio).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Log1p<TV>(TV u) where TV : struct, IFloatVector<TV>
    {
        var w = u + 1f;
        var r = TV.Log(w) * u / (w - 1f);
        return TV.Select(TV.EqualTo(w, 1f), u, r);
    }

    /// <summary>e^x - 1 for x &lt;= 0 (Kahan's trick; exact -1 once e^x underflows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Expm1NonPositive<TV>(TV x) where TV : struct, IFloatVector<TV>
    {
        var u = TV.Exp(x);
        var r = (u - 1f) * x / TV.Log(u);
        r = TV.Select(TV.EqualTo(u, 1f), x, r);
        return TV.Select(TV.EqualTo(u, 0f), -1f, r);
    }

    /// <summary>log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no overflow for large x, full precision for very negative x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Softplus<TV>(TV x) where TV : struct, IFloatVector<TV> =>
        TV.Max(x, 0f) + Log1p(TV.Exp(-TV.Abs(x)));

    /// <summary>
    /// The standard normal CDF, 0.5 * erfc(-x / sqrt 2), with the Chebyshev erfc of Numerical Recipes (relative error below
    /// 1.2e-7 everywhere), so the lower tail keeps its relative precision.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV NormalCdf<TV>(TV x) where TV : struct, IFloatVector<TV>
    {
        var v = x * -0.70710678118654752f;
        var z = TV.Abs(v);
        var t = (TV)1f / TV.MultiplyAdd(z, 0.5f, 1f);
        var p = TV.MultiplyAdd(t, 0.17087277f, -0.82215223f);
        p = TV.MultiplyAdd(p, t, 1.48851587f);
        p = TV.MultiplyAdd(p, t, -1.13520398f);
        p = TV.MultiplyAdd(p, t, 0.27886807f);
        p = TV.MultiplyAdd(p, t, -0.18628806f);
        p = TV.MultiplyAdd(p, t, 0.09678418f);
        p = TV.MultiplyAdd(p, t, 0.37409196f);
        p = TV.MultiplyAdd(p, t, 1.00002368f);
        p = TV.MultiplyAdd(p, t, -1.26551223f);
        var erfcAbs = t * TV.Exp(p - z * z);
        var erfc = TV.Select(TV.LessThan(v, 0f), (TV)2f - erfcAbs, erfcAbs);
        return erfc * 0.5f;
    }

    /// <summary>The standard normal density e^(-x²/2) / sqrt(2π).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV NormalPdf<TV>(TV x) where TV : struct, IFloatVector<TV> =>
        TV.Exp(x * x * -0.5f) * 0.39894228040143268f;
}
