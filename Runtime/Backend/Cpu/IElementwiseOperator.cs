namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>A vectorized element-wise function y = f(x); implementations are structs so the JIT specializes each kernel.</summary>
internal interface IUnaryOperator
{
    static abstract void Apply(ReadOnlySpan<float> x, Span<float> y);
}

/// <summary>A vectorized element-wise function z = f(x, y) in its span/span, span/scalar and scalar/span forms.</summary>
internal interface IBinaryOperator
{
    static abstract void Apply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z);

    static abstract void Apply(ReadOnlySpan<float> x, float y, Span<float> z);

    static abstract void Apply(float x, ReadOnlySpan<float> y, Span<float> z);
}
