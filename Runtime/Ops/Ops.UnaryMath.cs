using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>e^x.</summary>
    public static Tensor Exp(Tensor x) => UnaryFromOutput<Backend.Cpu.ExpOperator, Backend.Cpu.ExpGradient>(x, "exp");

    /// <summary>Natural logarithm (NaN below 0, -inf at 0).</summary>
    public static Tensor Log(Tensor x) => Unary<Backend.Cpu.LogOperator, Backend.Cpu.LogGradient>(x, "log", default);

    /// <summary>Square root (NaN below 0).</summary>
    public static Tensor Sqrt(Tensor x) => UnaryFromOutput<Backend.Cpu.SqrtOperator, Backend.Cpu.SqrtGradient>(x, "sqrt");

    /// <summary>x * x.</summary>
    public static Tensor Square(Tensor x) => Unary<Backend.Cpu.SquareOperator, Backend.Cpu.SquareGradient>(x, "square", default);

    /// <summary>|x|; its gradient is sign(x), 0 at 0.</summary>
    public static Tensor Abs(Tensor x) => Unary<Backend.Cpu.AbsOperator, Backend.Cpu.AbsGradient>(x, "abs", default);
}
