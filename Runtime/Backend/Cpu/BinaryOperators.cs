using System.Numerics.Tensors;

namespace NotebookKeras.Runtime.Backend.Cpu;

// The arithmetic operators, each a thin struct over TensorPrimitives so the broadcasting driver is specialized per operator.

internal readonly struct AddOperator : IBinaryOperator
{
    public static void Apply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z) => TensorPrimitives.Add(x, y, z);
    public static void Apply(ReadOnlySpan<float> x, float y, Span<float> z) => TensorPrimitives.Add(x, y, z);
    public static void Apply(float x, ReadOnlySpan<float> y, Span<float> z) => TensorPrimitives.Add(y, x, z);
}

internal readonly struct SubtractOperator : IBinaryOperator
{
    public static void Apply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z) => TensorPrimitives.Subtract(x, y, z);
    public static void Apply(ReadOnlySpan<float> x, float y, Span<float> z) => TensorPrimitives.Subtract(x, y, z);
    public static void Apply(float x, ReadOnlySpan<float> y, Span<float> z) => TensorPrimitives.Subtract(x, y, z);
}

internal readonly struct MultiplyOperator : IBinaryOperator
{
    public static void Apply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z) => TensorPrimitives.Multiply(x, y, z);
    public static void Apply(ReadOnlySpan<float> x, float y, Span<float> z) => TensorPrimitives.Multiply(x, y, z);
    public static void Apply(float x, ReadOnlySpan<float> y, Span<float> z) => TensorPrimitives.Multiply(y, x, z);
}

internal readonly struct DivideOperator : IBinaryOperator
{
    public static void Apply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z) => TensorPrimitives.Divide(x, y, z);
    public static void Apply(ReadOnlySpan<float> x, float y, Span<float> z) => TensorPrimitives.Divide(x, y, z);
    public static void Apply(float x, ReadOnlySpan<float> y, Span<float> z) => TensorPrimitives.Divide(x, y, z);
}
