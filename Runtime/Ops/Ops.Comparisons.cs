using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

// Comparisons return float32 masks (1 where true, 0 elsewhere) rather than Keras's bool, so they feed Where, Multiply and
// Mean directly (accuracy = Mean(Equal(ArgMax(p, -1), labels))). Operands may be float32 or int32 (int32 is compared as
// float32: exact up to 2^24). They have no gradient and are never recorded.
public static partial class Ops
{
    /// <summary>x > y (1/0), with broadcasting.</summary>
    public static Tensor Greater(Tensor x, Tensor y) => Compare<GreaterComparison>(x, y, "greater");

    /// <summary>x > y (1/0) for a constant y.</summary>
    public static Tensor Greater(Tensor x, float y) => Compare<GreaterComparison>(x, Tensor.Scalar(y), "greater");

    /// <summary>x >= y (1/0), with broadcasting.</summary>
    public static Tensor GreaterEqual(Tensor x, Tensor y) => Compare<GreaterEqualComparison>(x, y, "greater_equal");

    /// <summary>x >= y (1/0) for a constant y.</summary>
    public static Tensor GreaterEqual(Tensor x, float y) => Compare<GreaterEqualComparison>(x, Tensor.Scalar(y), "greater_equal");

    /// <summary>x &lt; y (1/0), with broadcasting.</summary>
    public static Tensor Less(Tensor x, Tensor y) => Compare<LessComparison>(x, y, "less");

    /// <summary>x &lt; y (1/0) for a constant y.</summary>
    public static Tensor Less(Tensor x, float y) => Compare<LessComparison>(x, Tensor.Scalar(y), "less");

    /// <summary>x &lt;= y (1/0), with broadcasting.</summary>
    public static Tensor LessEqual(Tensor x, Tensor y) => Compare<LessEqualComparison>(x, y, "less_equal");

    /// <summary>x &lt;= y (1/0) for a constant y.</summary>
    public static Tensor LessEqual(Tensor x, float y) => Compare<LessEqualComparison>(x, Tensor.Scalar(y), "less_equal");

    /// <summary>x == y (1/0), with broadcasting; NaN equals nothing.</summary>
    public static Tensor Equal(Tensor x, Tensor y) => Compare<EqualComparison>(x, y, "equal");

    /// <summary>x == y (1/0) for a constant y.</summary>
    public static Tensor Equal(Tensor x, float y) => Compare<EqualComparison>(x, Tensor.Scalar(y), "equal");

    /// <summary>x != y (1/0), with broadcasting; NaN differs from everything.</summary>
    public static Tensor NotEqual(Tensor x, Tensor y) => Compare<NotEqualComparison>(x, y, "not_equal");

    /// <summary>x != y (1/0) for a constant y.</summary>
    public static Tensor NotEqual(Tensor x, float y) => Compare<NotEqualComparison>(x, Tensor.Scalar(y), "not_equal");

    private static Tensor Compare<TCmp>(Tensor x, Tensor y, string op) where TCmp : struct, IComparison
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Binary<ComparisonOperator<TCmp>>(AsFloat32(x), AsFloat32(y), op);
    }

    /// <summary>x itself when float32; an int32 tensor converted to float32 otherwise.</summary>
    internal static Tensor AsFloat32(Tensor x)
    {
        if (x.DType == DType.Float32) return x;
        var y = Tensor.Empty(x.Shape);
        System.Numerics.Tensors.TensorPrimitives.ConvertChecked<int, float>(x.AsIntSpan(), y.Floats);
        return y;
    }
}
