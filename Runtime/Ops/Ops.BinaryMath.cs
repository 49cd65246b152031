using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>
    /// x raised to the power y, element-wise with broadcasting (<c>keras.ops.power</c>). Gradients as TensorFlow's, except that
    /// d/dx is 0 where y == 0 (the derivative of x^0); d/dy = x^y ln x is taken as 0 where x &lt;= 0.
    /// </summary>
    public static Tensor Power(Tensor x, Tensor y)
    {
        var z = Binary<PowerOperator>(x, y, "power");
        if (GradientTape.IsRecording(x, y))
        {
            GradientTape.Record("power", z, [x, y], g =>
                [SumTo(PowerGradient(g, x, y), x.Shape), SumTo(Multiply(Multiply(g, z), Map<SafeLogOperator>(x)), y.Shape)]);
        }
        return z;
    }

    /// <summary>x raised to a constant power.</summary>
    public static Tensor Power(Tensor x, float y)
    {
        var exponent = Tensor.Scalar(y);
        var z = Binary<PowerOperator>(x, exponent, "power");
        if (GradientTape.IsRecording(x))
            GradientTape.Record("power", z, [x], g => [PowerGradient(g, x, exponent)]);
        return z;
    }

    /// <summary>
    /// Element-wise maximum with broadcasting; NaN propagates. As TensorFlow, the gradient goes to x where x >= y and to y
    /// elsewhere (ties go to x).
    /// </summary>
    public static Tensor Maximum(Tensor x, Tensor y) => PairwiseExtremum<MaximumOperator, GreaterEqualComparison>(x, y, "maximum");

    /// <summary>max(x, y) with a constant y, e.g. <c>Maximum(x, 0f)</c>.</summary>
    public static Tensor Maximum(Tensor x, float y) => PairwiseExtremum<MaximumOperator, GreaterEqualComparison>(x, y, "maximum");

    /// <summary>
    /// Element-wise minimum with broadcasting; NaN propagates. As TensorFlow, the gradient goes to x where x &lt;= y and to y
    /// elsewhere (ties go to x).
    /// </summary>
    public static Tensor Minimum(Tensor x, Tensor y) => PairwiseExtremum<MinimumOperator, LessEqualComparison>(x, y, "minimum");

    /// <summary>min(x, y) with a constant y.</summary>
    public static Tensor Minimum(Tensor x, float y) => PairwiseExtremum<MinimumOperator, LessEqualComparison>(x, y, "minimum");

    /// <summary>
    /// Clips x to [<paramref name="min"/>, <paramref name="max"/>], i.e. minimum(maximum(x, min), max) as NumPy (all values become
    /// max when min > max). The gradient passes where min &lt;= x &lt;= max, bounds included, as TensorFlow's clip_by_value.
    /// </summary>
    public static Tensor Clip(Tensor x, float min, float max)
    {
        RequireFloat(x, "clip");
        var y = Tensor.Empty(x.Shape);
        System.Numerics.Tensors.TensorPrimitives.Max(x.AsSpan(), min, y.Floats);
        System.Numerics.Tensors.TensorPrimitives.Min(y.Floats, max, y.Floats);
        if (GradientTape.IsRecording(x))
            GradientTape.Record("clip", y, [x], g => [Where(Multiply(GreaterEqual(x, min), LessEqual(x, max)), g, 0f)]);
        return y;
    }

    /// <summary>
    /// Picks x where <paramref name="condition"/> is true and y elsewhere, the three broadcast together. The condition is an int32
    /// or float32 tensor, true where non-zero (NaN is true, as NumPy). Gradients flow to x and y through the picked elements;
    /// the condition gets none.
    /// </summary>
    public static Tensor Where(Tensor condition, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(condition);
        RequireFloat(x, "where", "x");
        RequireFloat(y, "where", "y");
        var shape = OpShapes.Where(condition.Shape, x.Shape, y.Shape);
        var z = Tensor.Empty(shape);
        Select.Run(
            BroadcastCopy(AsFloat32(condition), shape).AsSpan(),
            BroadcastCopy(x, shape).AsSpan(),
            BroadcastCopy(y, shape).AsSpan(),
            z.Floats);
        if (GradientTape.IsRecording(x, y))
        {
            GradientTape.Record("where", z, [x, y], g =>
                [SumTo(Where(condition, g, 0f), x.Shape), SumTo(Where(condition, 0f, g), y.Shape)]);
        }
        return z;
    }

    /// <summary>where(condition, x, constant y), e.g. <c>Where(mask, x, 0f)</c>.</summary>
    public static Tensor Where(Tensor condition, Tensor x, float y) => Where(condition, x, Tensor.Scalar(y));

    /// <summary>where(condition, constant x, y).</summary>
    public static Tensor Where(Tensor condition, float x, Tensor y) => Where(condition, Tensor.Scalar(x), y);

    // d(x^y)/dx = y x^(y-1), set to 0 where y == 0 so that 0^0 does not give 0 * inf.
    private static Tensor PowerGradient(Tensor g, Tensor x, Tensor y) =>
        Where(Equal(y, 0f), 0f, Multiply(g, Multiply(y, Power(x, Subtract(y, Tensor.Scalar(1f))))));

    private static Tensor PairwiseExtremum<TOp, TPickX>(Tensor x, Tensor y, string op)
        where TOp : struct, IBinaryOperator
        where TPickX : struct, IComparison
    {
        var z = Binary<TOp>(x, y, op);
        if (GradientTape.IsRecording(x, y))
        {
            GradientTape.Record(op, z, [x, y], g =>
            {
                var pickX = Compare<TPickX>(x, y, op);
                return [SumTo(Where(pickX, g, 0f), x.Shape), SumTo(Where(pickX, 0f, g), y.Shape)];
            });
        }
        return z;
    }

    private static Tensor PairwiseExtremum<TOp, TPickX>(Tensor x, float y, string op)
        where TOp : struct, IBinaryOperator
        where TPickX : struct, IComparison
    {
        var constant = Tensor.Scalar(y);
        var z = Binary<TOp>(x, constant, op);
        if (GradientTape.IsRecording(x))
            GradientTape.Record(op, z, [x], g => [Where(Compare<TPickX>(x, constant, op), g, 0f)]);
        return z;
    }

    /// <summary>x broadcast to <paramref name="shape"/> as a plain kernel copy (not recorded); x itself when no copy is needed.</summary>
    private static Tensor BroadcastCopy(Tensor x, Shape shape)
    {
        if (x.Shape == shape) return x;
        // Broadcasting to the same number of elements only inserts size-1 axes: the element order is unchanged.
        if (x.Size == shape.Size) return x.WithShape(shape);
        var y = Tensor.Empty(shape);
        Broadcasting.Binary<FirstOperator>(x.AsSpan(), x.Shape.Dims, [0f], [], y.Floats, shape.Dims);
        return y;
    }
}
