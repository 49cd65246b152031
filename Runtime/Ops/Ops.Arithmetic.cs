using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>x + y with broadcasting.</summary>
    public static Tensor Add(Tensor x, Tensor y)
    {
        var z = Binary<AddOperator>(x, y, "add");
        if (GradientTape.IsRecording(x, y))
            GradientTape.Record("add", z, [x, y], g => [SumTo(g, x.Shape), SumTo(g, y.Shape)]);
        return z;
    }

    /// <summary>x - y with broadcasting.</summary>
    public static Tensor Subtract(Tensor x, Tensor y)
    {
        var z = Binary<SubtractOperator>(x, y, "subtract");
        if (GradientTape.IsRecording(x, y))
            GradientTape.Record("subtract", z, [x, y], g => [SumTo(g, x.Shape), SumTo(Negative(g), y.Shape)]);
        return z;
    }

    /// <summary>x * y (element-wise) with broadcasting.</summary>
    public static Tensor Multiply(Tensor x, Tensor y)
    {
        var z = Binary<MultiplyOperator>(x, y, "multiply");
        if (GradientTape.IsRecording(x, y))
            GradientTape.Record("multiply", z, [x, y], g => [SumTo(Multiply(g, y), x.Shape), SumTo(Multiply(g, x), y.Shape)]);
        return z;
    }

    /// <summary>x / y (true division) with broadcasting.</summary>
    public static Tensor Divide(Tensor x, Tensor y)
    {
        var z = Binary<DivideOperator>(x, y, "divide");
        if (GradientTape.IsRecording(x, y))
        {
            GradientTape.Record("divide", z, [x, y], g =>
            [
                SumTo(Divide(g, y), x.Shape),
                SumTo(Negative(Divide(Multiply(g, z), y)), y.Shape),
            ]);
        }
        return z;
    }

    /// <summary>-x.</summary>
    public static Tensor Negative(Tensor x)
    {
        RequireFloat(x, "negative");
        var y = Tensor.Empty(x.Shape);
        System.Numerics.Tensors.TensorPrimitives.Negate(x.AsSpan(), y.Floats);
        if (GradientTape.IsRecording(x))
            GradientTape.Record("negative", y, [x], g => [Negative(g)]);
        return y;
    }

    /// <summary>Sums <paramref name="x"/> down to <paramref name="shape"/>, undoing a broadcast (the backward of broadcasting ops).</summary>
    internal static Tensor SumTo(Tensor x, Shape shape)
    {
        if (x.Shape == shape) return x;
        var lead = x.Rank - shape.Rank;
        var axes = new List<int>();
        for (var i = 0; i < x.Rank; i++)
        {
            if (i < lead || (shape[i - lead] == 1 && x.Shape[i] != 1)) axes.Add(i);
        }
        var summed = axes.Count == 0 ? x : Sum(x, [.. axes], keepDims: true);
        return Reshape(summed, shape.ToArray());
    }

    private static Tensor Binary<TOp>(Tensor x, Tensor y, string op) where TOp : struct, IBinaryOperator
    {
        RequireFloat(x, op, "x");
        RequireFloat(y, op, "y");
        var shape = OpShapes.Broadcast(x.Shape, y.Shape, op);
        var z = Tensor.Empty(shape);
        Broadcasting.Binary<TOp>(x.AsSpan(), x.Shape.Dims, y.AsSpan(), y.Shape.Dims, z.Floats, shape.Dims);
        return z;
    }
}
