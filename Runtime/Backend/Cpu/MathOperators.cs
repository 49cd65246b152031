using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NotebookKeras.Runtime.Backend.Cpu;

// Element-wise math beyond arithmetic: power, maximum/minimum, comparisons producing 0/1 masks, selection, and the helpers
// their backward passes need. Binary ones implement IBinaryOperator so the broadcasting driver specializes them.

internal readonly struct PowerOperator : IBinaryOperator
{
    public static void Apply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z) => TensorPrimitives.Pow(x, y, z);
    public static void Apply(ReadOnlySpan<float> x, float y, Span<float> z) => TensorPrimitives.Pow(x, y, z);
    public static void Apply(float x, ReadOnlySpan<float> y, Span<float> z) => TensorPrimitives.Pow(x, y, z);
}

/// <summary>IEEE 754:2019 maximum: NaN propagates, as in NumPy's <c>maximum</c>.</summary>
internal readonly struct MaximumOperator : IBinaryOperator
{
    public static void Apply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z) => TensorPrimitives.Max(x, y, z);
    public static void Apply(ReadOnlySpan<float> x, float y, Span<float> z) => TensorPrimitives.Max(x, y, z);
    public static void Apply(float x, ReadOnlySpan<float> y, Span<float> z) => TensorPrimitives.Max(y, x, z);
}

/// <summary>IEEE 754:2019 minimum: NaN propagates, as in NumPy's <c>minimum</c>.</summary>
internal readonly struct MinimumOperator : IBinaryOperator
{
    public static void Apply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z) => TensorPrimitives.Min(x, y, z);
    public static void Apply(ReadOnlySpan<float> x, float y, Span<float> z) => TensorPrimitives.Min(x, y, z);
    public static void Apply(float x, ReadOnlySpan<float> y, Span<float> z) => TensorPrimitives.Min(y, x, z);
}

/// <summary>z = x, ignoring y: with the broadcasting driver it materializes a broadcast copy of x bit for bit.</summary>
internal readonly struct FirstOperator : IBinaryOperator
{
    public static void Apply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z) => x.CopyTo(z);
    public static void Apply(ReadOnlySpan<float> x, float y, Span<float> z) => x.CopyTo(z);
    public static void Apply(float x, ReadOnlySpan<float> y, Span<float> z) => z.Fill(x);
}

/// <summary>log(x) where x > 0, else 0: the factor of d(x^y)/dy, zero where the log is undefined (as TensorFlow's pow gradient).</summary>
internal readonly struct SafeLogOperator : IUnaryOperator
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        TensorPrimitives.Log(x, y);
        int n = y.Length, i = 0;
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var positive = Vector256.GreaterThan(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256<float>.Zero);
                (Vector256.LoadUnsafe(ref yr, (nuint)i) & positive).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            if (!(x[i] > 0)) y[i] = 0;
        }
    }
}

/// <summary>A predicate on two floats, in scalar and vector forms (vector results are all-ones/all-zeros lane masks).</summary>
internal interface IComparison
{
    static abstract bool Test(float x, float y);
    static abstract Vector256<float> Test(Vector256<float> x, Vector256<float> y);
    static abstract Vector512<float> Test(Vector512<float> x, Vector512<float> y);
}

internal readonly struct GreaterComparison : IComparison
{
    public static bool Test(float x, float y) => x > y;
    public static Vector256<float> Test(Vector256<float> x, Vector256<float> y) => Vector256.GreaterThan(x, y);
    public static Vector512<float> Test(Vector512<float> x, Vector512<float> y) => Vector512.GreaterThan(x, y);
}

internal readonly struct GreaterEqualComparison : IComparison
{
    public static bool Test(float x, float y) => x >= y;
    public static Vector256<float> Test(Vector256<float> x, Vector256<float> y) => Vector256.GreaterThanOrEqual(x, y);
    public static Vector512<float> Test(Vector512<float> x, Vector512<float> y) => Vector512.GreaterThanOrEqual(x, y);
}

internal readonly struct LessComparison : IComparison
{
    public static bool Test(float x, float y) => x < y;
    public static Vector256<float> Test(Vector256<float> x, Vector256<float> y) => Vector256.LessThan(x, y);
    public static Vector512<float> Test(Vector512<float> x, Vector512<float> y) => Vector512.LessThan(x, y);
}

internal readonly struct LessEqualComparison : IComparison
{
    public static bool Test(float x, float y) => x <= y;
    public static Vector256<float> Test(Vector256<float> x, Vector256<float> y) => Vector256.LessThanOrEqual(x, y);
    public static Vector512<float> Test(Vector512<float> x, Vector512<float> y) => Vector512.LessThanOrEqual(x, y);
}

internal readonly struct EqualComparison : IComparison
{
    public static bool Test(float x, float y) => x == y;
    public static Vector256<float> Test(Vector256<float> x, Vector256<float> y) => Vector256.Equals(x, y);
    public static Vector512<float> Test(Vector512<float> x, Vector512<float> y) => Vector512.Equals(x, y);
}

internal readonly struct NotEqualComparison : IComparison
{
    public static bool Test(float x, float y) => x != y;
    public static Vector256<float> Test(Vector256<float> x, Vector256<float> y) => ~Vector256.Equals(x, y);
    public static Vector512<float> Test(Vector512<float> x, Vector512<float> y) => ~Vector512.Equals(x, y);
}

/// <summary>z = 1 where the comparison holds, else 0.</summary>
internal readonly struct ComparisonOperator<TCmp> : IBinaryOperator where TCmp : struct, IComparison
{
    public static void Apply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z) =>
        Run(ref MemoryMarshal.GetReference(x), 1, ref MemoryMarshal.GetReference(y), 1, z);

    public static void Apply(ReadOnlySpan<float> x, float y, Span<float> z) => Run(ref MemoryMarshal.GetReference(x), 1, ref y, 0, z);

    public static void Apply(float x, ReadOnlySpan<float> y, Span<float> z) => Run(ref x, 0, ref MemoryMarshal.GetReference(y), 1, z);

    // A step of 0 marks a scalar operand, broadcast into every lane; the branch on it is loop-invariant.
    private static void Run(ref float x, nuint xStep, ref float y, nuint yStep, Span<float> z)
    {
        var n = (nuint)z.Length;
        nuint i = 0;
        ref var zr = ref MemoryMarshal.GetReference(z);
        if (Vector512.IsHardwareAccelerated)
        {
            var one = Vector512<float>.One;
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
            {
                var xv = xStep == 0 ? Vector512.Create(x) : Vector512.LoadUnsafe(ref x, i);
                var yv = yStep == 0 ? Vector512.Create(y) : Vector512.LoadUnsafe(ref y, i);
                (TCmp.Test(xv, yv) & one).StoreUnsafe(ref zr, i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var one = Vector256<float>.One;
            for (; i + (nuint)Vector256<float>.Count <= n; i += (nuint)Vector256<float>.Count)
            {
                var xv = xStep == 0 ? Vector256.Create(x) : Vector256.LoadUnsafe(ref x, i);
                var yv = yStep == 0 ? Vector256.Create(y) : Vector256.LoadUnsafe(ref y, i);
                (TCmp.Test(xv, yv) & one).StoreUnsafe(ref zr, i);
            }
        }
        for (; i < n; i++)
            Unsafe.Add(ref zr, i) = TCmp.Test(Unsafe.Add(ref x, i * xStep), Unsafe.Add(ref y, i * yStep)) ? 1f : 0f;
    }
}

/// <summary>z = condition != 0 ? x : y over equal-length spans (NaN counts as true, as in NumPy), in parallel for large inputs.</summary>
internal static class Select
{
    private const int Block = 65_536;

    public static unsafe void Run(ReadOnlySpan<float> condition, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z)
    {
        if (z.Length <= Block * 2)
        {
            Apply(condition, x, y, z);
            return;
        }
        fixed (float* pc = condition, px = x, py = y, pz = z)
        {
            var (ac, ax, ay, az, n) = ((nint)pc, (nint)px, (nint)py, (nint)pz, z.Length);
            CpuParallel.For((n + Block - 1) / Block, Block, (s, e) =>
            {
                for (var b = s; b < e; b++)
                {
                    var start = b * Block;
                    var len = Math.Min(Block, n - start);
                    Apply(
                        new ReadOnlySpan<float>((float*)ac + start, len),
                        new ReadOnlySpan<float>((float*)ax + start, len),
                        new ReadOnlySpan<float>((float*)ay + start, len),
                        new Span<float>((float*)az + start, len));
                }
            });
        }
    }

    private static void Apply(ReadOnlySpan<float> condition, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z)
    {
        var n = (nuint)z.Length;
        nuint i = 0;
        ref var cr = ref MemoryMarshal.GetReference(condition);
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        ref var zr = ref MemoryMarshal.GetReference(z);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
            {
                var isFalse = Vector512.Equals(Vector512.LoadUnsafe(ref cr, i), Vector512<float>.Zero);
                Vector512.ConditionalSelect(isFalse, Vector512.LoadUnsafe(ref yr, i), Vector512.LoadUnsafe(ref xr, i)).StoreUnsafe(ref zr, i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector256<float>.Count <= n; i += (nuint)Vector256<float>.Count)
            {
                var isFalse = Vector256.Equals(Vector256.LoadUnsafe(ref cr, i), Vector256<float>.Zero);
                Vector256.ConditionalSelect(isFalse, Vector256.LoadUnsafe(ref yr, i), Vector256.LoadUnsafe(ref xr, i)).StoreUnsafe(ref zr, i);
            }
        }
        for (; i < n; i++)
            Unsafe.Add(ref zr, i) = Unsafe.Add(ref cr, i) == 0 ? Unsafe.Add(ref yr, i) : Unsafe.Add(ref xr, i);
    }
}
