using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>e^x.</summary>
    public static Tensor Exp(Tensor x) => MapWithOutputDerivative<ExpOperator, ExpGradient>(x, "exp");

    /// <summary>Natural logarithm (NaN below 0, -inf at 0).</summary>
    public static Tensor Log(Tensor x) => MapWithDerivative<LogOperator, LogGradient>(x, "log", default);

    /// <summary>Square root (NaN below 0).</summary>
    public static Tensor Sqrt(Tensor x) => MapWithOutputDerivative<SqrtOperator, SqrtGradient>(x, "sqrt");

    /// <summary>x * x.</summary>
    public static Tensor Square(Tensor x) => MapWithDerivative<SquareOperator, SquareGradient>(x, "square", default);

    /// <summary>|x|; its gradient is sign(x), 0 at 0.</summary>
    public static Tensor Abs(Tensor x) => MapWithDerivative<AbsOperator, AbsGradient>(x, "abs", default);
}
