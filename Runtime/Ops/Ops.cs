using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

/// <summary>
/// The differentiable operations (Keras's <c>keras.ops</c>). Each op computes its output shape with <see cref="OpShapes"/>, runs a
/// CPU kernel, and, when a <see cref="Autodiff.GradientTape"/> watches one of its inputs, records its backward.
/// </summary>
public static partial class Ops
{
    /// <summary>Throws unless <paramref name="x"/> is float32, naming the op and the argument.</summary>
    internal static void RequireFloat(Tensor x, string op, string argument = "x")
    {
        ArgumentNullException.ThrowIfNull(x, argument);
        if (x.DType != DType.Float32)
            throw new ArgumentException($"{op}: argument '{argument}' must be float32, got {x.DType.KerasName()} with shape {x.Shape}.", argument);
    }

    /// <summary>A new float32 tensor of <paramref name="shape"/> with f applied to x's elements.</summary>
    internal static Tensor Map<TOp>(Tensor x) where TOp : struct, Backend.Cpu.IUnaryOperator
    {
        var y = Tensor.Empty(x.Shape);
        Backend.Cpu.Elementwise.Map<TOp>(x.AsSpan(), y.Floats);
        return y;
    }
}
