using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// A SIMD vector of floats of some width, so an element-wise function is written once (generic over this interface) and the JIT
/// specializes it for 512-, 256- and 128-bit registers. Masks are vectors whose lanes are all ones (true) or all zeros (false).
/// </summary>
internal interface IFloatVector<TSelf> where TSelf : struct, IFloatVector<TSelf>
{
    /// <summary>Number of lanes.</summary>
    static abstract int Count { get; }

    /// <summary>True when this width runs on hardware instructions on this machine.</summary>
    static abstract bool IsHardwareAccelerated { get; }

    static abstract TSelf Load(ref float source, nuint offset);

    static abstract void Store(TSelf value, ref float destination, nuint offset);

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract implicit operator TSelf(float value);

    static abstract TSelf operator +(TSelf a, TSelf b);

    static abstract TSelf operator -(TSelf a, TSelf b);

    static abstract TSelf operator *(TSelf a, TSelf b);

    static abstract TSelf operator /(TSelf a, TSelf b);

    static abstract TSelf operator -(TSelf a);

    /// <summary>a * b + c, fused where the hardware has FMA.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>IEEE 754-2019 maximum: NaN propagates, as in PyTorch.</summary>
    static abstract TSelf Max(TSelf a, TSelf b);

    /// <summary>IEEE 754-2019 minimum: NaN propagates.</summary>
    static abstract TSelf Min(TSelf a, TSelf b);

    static abstract TSelf Abs(TSelf a);

    static abstract TSelf Exp(TSelf a);

    static abstract TSelf Log(TSelf a);

    static abstract TSelf GreaterThan(TSelf a, TSelf b);

    static abstract TSelf LessThan(TSelf a, TSelf b);

    static abstract TSelf EqualTo(TSelf a, TSelf b);

    /// <summary>Lane-wise mask ? ifTrue : ifFalse.</summary>
    static abstract TSelf Select(TSelf mask, TSelf ifTrue, TSelf ifFalse);
}

internal readonly struct FloatVector512(Vector512<float> v) : IFloatVector<FloatVector512>
{
    private readonly Vector512<float> _v = v;

    public static int Count => Vector512<float>.Count;
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVector512 Load(ref float source, nuint offset) => new(Vector512.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(FloatVector512 value, ref float destination, nuint offset) => value._v.StoreUnsafe(ref destination, offset);

    public static implicit operator FloatVector512(float value) => new(Vector512.Create(value));
    public static FloatVector512 operator +(FloatVector512 a, FloatVector512 b) => new(a._v + b._v);
    public static FloatVector512 operator -(FloatVector512 a, FloatVector512 b) => new(a._v - b._v);
    public static FloatVector512 operator *(FloatVector512 a, FloatVector512 b) => new(a._v * b._v);
    public static FloatVector512 operator /(FloatVector512 a, FloatVector512 b) => new(a._v / b._v);
    public static FloatVector512 operator -(FloatVector512 a) => new(-a._v);
    public static FloatVector512 MultiplyAdd(FloatVector512 a, FloatVector512 b, FloatVector512 c) => new(Vector512.MultiplyAddEstimate(a._v, b._v, c._v));
    public static FloatVector512 Max(FloatVector512 a, FloatVector512 b) => new(Vector512.Max(a._v, b._v));
    public static FloatVector512 Min(FloatVector512 a, FloatVector512 b) => new(Vector512.Min(a._v, b._v));
    public static FloatVector512 Abs(FloatVector512 a) => new(Vector512.Abs(a._v));
    public static FloatVector512 Exp(FloatVector512 a) => new(Vector512.Exp(a._v));
    public static FloatVector512 Log(FloatVector512 a) => new(Vector512.Log(a._v));
    public static FloatVector512 GreaterThan(FloatVector512 a, FloatVector512 b) => new(Vector512.GreaterThan(a._v, b._v));
    public static FloatVector512 LessThan(FloatVector512 a, FloatVector512 b) => new(Vector512.LessThan(a._v, b._v));
    public static FloatVector512 EqualTo(FloatVector512 a, FloatVector512 b) => new(Vector512.Equals(a._v, b._v));
    public static FloatVector512 Select(FloatVector512 mask, FloatVector512 ifTrue, FloatVector512 ifFalse) =>
        new(Vector512.ConditionalSelect(mask._v, ifTrue._v, ifFalse._v));
}

internal readonly struct FloatVector256(Vector256<float> v) : IFloatVector<FloatVector256>
{
    private readonly Vector256<float> _v = v;

    public static int Count => Vector256<float>.Count;
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVector256 Load(ref float source, nuint offset) => new(Vector256.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(FloatVector256 value, ref float destination, nuint offset) => value._v.StoreUnsafe(ref destination, offset);

    public static implicit operator FloatVector256(float value) => new(Vector256.Create(value));
    public static FloatVector256 operator +(FloatVector256 a, FloatVector256 b) => new(a._v + b._v);
    public static FloatVector256 operator -(FloatVector256 a, FloatVector256 b) => new(a._v - b._v);
    public static FloatVector256 operator *(FloatVector256 a, FloatVector256 b) => new(a._v * b._v);
    public static FloatVector256 operator /(FloatVector256 a, FloatVector256 b) => new(a._v / b._v);
    public static FloatVector256 operator -(FloatVector256 a) => new(-a._v);
    public static FloatVector256 MultiplyAdd(FloatVector256 a, FloatVector256 b, FloatVector256 c) => new(Vector256.MultiplyAddEstimate(a._v, b._v, c._v));
    public static FloatVector256 Max(FloatVector256 a, FloatVector256 b) => new(Vector256.Max(a._v, b._v));
    public static FloatVector256 Min(FloatVector256 a, FloatVector256 b) => new(Vector256.Min(a._v, b._v));
    public static FloatVector256 Abs(FloatVector256 a) => new(Vector256.Abs(a._v));
    public static FloatVector256 Exp(FloatVector256 a) => new(Vector256.Exp(a._v));
    public static FloatVector256 Log(FloatVector256 a) => new(Vector256.Log(a._v));
    public static FloatVector256 GreaterThan(FloatVector256 a, FloatVector256 b) => new(Vector256.GreaterThan(a._v, b._v));
    public static FloatVector256 LessThan(FloatVector256 a, FloatVector256 b) => new(Vector256.LessThan(a._v, b._v));
    public static FloatVector256 EqualTo(FloatVector256 a, FloatVector256 b) => new(Vector256.Equals(a._v, b._v));
    public static FloatVector256 Select(FloatVector256 mask, FloatVector256 ifTrue, FloatVector256 ifFalse) =>
        new(Vector256.ConditionalSelect(mask._v, ifTrue._v, ifFalse._v));
}

internal readonly struct FloatVector128(Vector128<float> v) : IFloatVector<FloatVector128>
{
    private readonly Vector128<float> _v = v;

    public static int Count => Vector128<float>.Count;
    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVector128 Load(ref float source, nuint offset) => new(Vector128.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(FloatVector128 value, ref float destination, nuint offset) => value._v.StoreUnsafe(ref destination, offset);

    public static implicit operator FloatVector128(float value) => new(Vector128.Create(value));
    public static FloatVector128 operator +(FloatVector128 a, FloatVector128 b) => new(a._v + b._v);
    public static FloatVector128 operator -(FloatVector128 a, FloatVector128 b) => new(a._v - b._v);
    public static FloatVector128 operator *(FloatVector128 a, FloatVector128 b) => new(a._v * b._v);
    public static FloatVector128 operator /(FloatVector128 a, FloatVector128 b) => new(a._v / b._v);
    public static FloatVector128 operator -(FloatVector128 a) => new(-a._v);
    public static FloatVector128 MultiplyAdd(FloatVector128 a, FloatVector128 b, FloatVector128 c) => new(Vector128.MultiplyAddEstimate(a._v, b._v, c._v));
    public static FloatVector128 Max(FloatVector128 a, FloatVector128 b) => new(Vector128.Max(a._v, b._v));
    public static FloatVector128 Min(FloatVector128 a, FloatVector128 b) => new(Vector128.Min(a._v, b._v));
    public static FloatVector128 Abs(FloatVector128 a) => new(Vector128.Abs(a._v));
    public static FloatVector128 Exp(FloatVector128 a) => new(Vector128.Exp(a._v));
    public static FloatVector128 Log(FloatVector128 a) => new(Vector128.Log(a._v));
    public static FloatVector128 GreaterThan(FloatVector128 a, FloatVector128 b) => new(Vector128.GreaterThan(a._v, b._v));
    public static FloatVector128 LessThan(FloatVector128 a, FloatVector128 b) => new(Vector128.LessThan(a._v, b._v));
    public static FloatVector128 EqualTo(FloatVector128 a, FloatVector128 b) => new(Vector128.Equals(a._v, b._v));
    public static FloatVector128 Select(FloatVector128 mask, FloatVector128 ifTrue, FloatVector128 ifFalse) =>
        new(Vector128.ConditionalSelect(mask._v, ifTrue._v, ifFalse._v));
}
