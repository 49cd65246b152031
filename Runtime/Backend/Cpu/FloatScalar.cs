using System.Runtime.CompilerServices;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// One float as a one-lane <see cref="IFloatVector{TSelf}"/>: kernels that walk several rows at once finish a row's tail with the
/// same generic math as its vector body. Masks are all-ones or all-zeros bit patterns, as in the vector types.
/// </summary>
internal readonly struct FloatScalar(float v) : IFloatVector<FloatScalar>
{
    private static readonly float True = BitConverter.Int32BitsToSingle(-1);

    private readonly float _v = v;

    public static int Count => 1;

    public static bool IsHardwareAccelerated => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatScalar Load(ref float source, nuint offset) => new(Unsafe.Add(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(FloatScalar value, ref float destination, nuint offset) => Unsafe.Add(ref destination, offset) = value._v;

    public static implicit operator FloatScalar(float value) => new(value);
    public static FloatScalar operator +(FloatScalar a, FloatScalar b) => new(a._v + b._v);
    public static FloatScalar operator -(FloatScalar a, FloatScalar b) => new(a._v - b._v);
    public static FloatScalar operator *(FloatScalar a, FloatScalar b) => new(a._v * b._v);
    public static FloatScalar operator /(FloatScalar a, FloatScalar b) => new(a._v / b._v);
    public static FloatScalar operator -(FloatScalar a) => new(-a._v);
    public static FloatScalar MultiplyAdd(FloatScalar a, FloatScalar b, FloatScalar c) => new(MathF.FusedMultiplyAdd(a._v, b._v, c._v));
    public static FloatScalar Max(FloatScalar a, FloatScalar b) => new(float.IsNaN(a._v) || float.IsNaN(b._v) ? float.NaN : MathF.Max(a._v, b._v));
    public static FloatScalar Min(FloatScalar a, FloatScalar b) => new(float.IsNaN(a._v) || float.IsNaN(b._v) ? float.NaN : MathF.Min(a._v, b._v));
    public static FloatScalar Abs(FloatScalar a) => new(MathF.Abs(a._v));
    public static FloatScalar Exp(FloatScalar a) => new(MathF.Exp(a._v));
    public static FloatScalar Log(FloatScalar a) => new(MathF.Log(a._v));
    public static FloatScalar GreaterThan(FloatScalar a, FloatScalar b) => new(a._v > b._v ? True : 0f);
    public static FloatScalar LessThan(FloatScalar a, FloatScalar b) => new(a._v < b._v ? True : 0f);
    public static FloatScalar EqualTo(FloatScalar a, FloatScalar b) => new(a._v == b._v ? True : 0f);
    public static FloatScalar Select(FloatScalar mask, FloatScalar ifTrue, FloatScalar ifFalse) =>
        BitConverter.SingleToInt32Bits(mask._v) != 0 ? ifTrue : ifFalse;
}
