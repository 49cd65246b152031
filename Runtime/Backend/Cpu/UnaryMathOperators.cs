using System.Numerics.Tensors;

namespace NotebookKeras.Runtime.Backend.Cpu;

// The unary math kernels (TensorPrimitives forwards) and their derivatives, each returning upstream * f'(input); exp and sqrt
// take their output y, which is cheaper than recomputing it.

internal readonly struct ExpOperator : IUnaryOperator
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Exp(x, y);
}

internal readonly struct ExpGradient : IVectorFunction2
{
    public TV Invoke<TV>(TV y, TV g) where TV : struct, IFloatVector<TV> => g * y;
}

internal readonly struct LogOperator : IUnaryOperator
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Log(x, y);
}

internal readonly struct LogGradient : IVectorFunction2
{
    public TV Invoke<TV>(TV x, TV g) where TV : struct, IFloatVector<TV> => g / x;
}

internal readonly struct SqrtOperator : IUnaryOperator
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Sqrt(x, y);
}

internal readonly struct SqrtGradient : IVectorFunction2
{
    public TV Invoke<TV>(TV y, TV g) where TV : struct, IFloatVector<TV> => g * 0.5f / y;
}

internal readonly struct SquareOperator : IUnaryOperator
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Multiply(x, x, y);
}

internal readonly struct SquareGradient : IVectorFunction2
{
    public TV Invoke<TV>(TV x, TV g) where TV : struct, IFloatVector<TV> => g * (x + x);
}

internal readonly struct AbsOperator : IUnaryOperator
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Abs(x, y);
}

/// <summary>upstream * sign(x), 0 at 0 (as TensorFlow and PyTorch).</summary>
internal readonly struct AbsGradient : IVectorFunction2
{
    public TV Invoke<TV>(TV x, TV g) where TV : struct, IFloatVector<TV> =>
        TV.Select(TV.GreaterThan(x, 0f), g, TV.Select(TV.LessThan(x, 0f), -g, 0f));
}
