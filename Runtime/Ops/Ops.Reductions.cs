using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>Sum over <paramref name="axes"/> (null: every axis).</summary>
    public static Tensor Sum(Tensor x, int[]? axes = null, bool keepDims = false)
    {
        var y = Reduce(x, axes, keepDims, "sum", Reduction.Sum, out _);
        if (GradientTape.IsRecording(x))
        {
            var kept = OpShapes.Reduce(x.Shape, axes, keepDims: true, "sum");
            GradientTape.Record("sum", y, [x], g => [BroadcastTo(Reshape(g, kept.ToArray()), x.Shape)]);
        }
        return y;
    }

    /// <summary>Sum over one axis.</summary>
    public static Tensor Sum(Tensor x, int axis, bool keepDims = false) => Sum(x, [axis], keepDims);

    /// <summary>
    /// Maximum over <paramref name="axes"/> (null: every axis); NaN propagates. The gradient is shared equally among tied maxima,
    /// as TensorFlow's <c>reduce_max</c>.
    /// </summary>
    public static Tensor Max(Tensor x, int[]? axes = null, bool keepDims = false) => Extremum(x, axes, keepDims, "max", Reduction.Max);

    /// <summary>Maximum over one axis.</summary>
    public static Tensor Max(Tensor x, int axis, bool keepDims = false) => Max(x, [axis], keepDims);

    /// <summary>
    /// Minimum over <paramref name="axes"/> (null: every axis); NaN propagates. The gradient is shared equally among tied minima,
    /// as TensorFlow's <c>reduce_min</c>.
    /// </summary>
    public static Tensor Min(Tensor x, int[]? axes = null, bool keepDims = false) => Extremum(x, axes, keepDims, "min", Reduction.Min);

    /// <summary>Minimum over one axis.</summary>
    public static Tensor Min(Tensor x, int axis, bool keepDims = false) => Min(x, [axis], keepDims);

    /// <summary>Product over <paramref name="axes"/> (null: every axis); the gradient is exact when elements are zero.</summary>
    public static Tensor Prod(Tensor x, int[]? axes = null, bool keepDims = false)
    {
        var y = Reduce(x, axes, keepDims, "prod", Reduction.Product, out _);
        if (GradientTape.IsRecording(x))
        {
            var kept = OpShapes.Reduce(x.Shape, axes, keepDims: true, "prod");
            GradientTape.Record("prod", y, [x], g =>
            {
                // d prod / dx_i is the product of the other elements: prod / x_i without zeros; with exactly one zero, the product
                // of the non-zeros at the zero and 0 elsewhere; with two or more zeros, 0 everywhere.
                var isZero = Equal(x, 0f);
                var zeros = Sum(isZero, axes, keepDims: true);
                var nonZero = Where(isZero, 1f, x);
                var productOfNonZeros = Prod(nonZero, axes, keepDims: true);
                var atNonZeros = Where(Equal(zeros, 0f), Divide(productOfNonZeros, nonZero), 0f);
                var atZeros = Where(Equal(zeros, 1f), productOfNonZeros, 0f);
                return [Multiply(Where(isZero, atZeros, atNonZeros), Reshape(g, kept.ToArray()))];
            });
        }
        return y;
    }

    /// <summary>Product over one axis.</summary>
    public static Tensor Prod(Tensor x, int axis, bool keepDims = false) => Prod(x, [axis], keepDims);

    /// <summary>
    /// Index (int32) of the largest element along <paramref name="axis"/>, or in the flattened tensor when null; the first
    /// occurrence wins ties and a NaN counts as largest, as NumPy. Not differentiable: the result is never recorded on a tape.
    /// </summary>
    public static Tensor ArgMax(Tensor x, int? axis = null, bool keepDims = false) => ArgReduce(x, axis, keepDims, "argmax", Reduction.ArgMax);

    /// <summary>Index (int32) of the smallest element along <paramref name="axis"/> (null: flattened); first occurrence on ties.</summary>
    public static Tensor ArgMin(Tensor x, int? axis = null, bool keepDims = false) => ArgReduce(x, axis, keepDims, "argmin", Reduction.ArgMin);

    /// <summary>
    /// Views x as [outer, reduced, inner] for a reduction over the masked axes, permuting (one copy) when they are not one
    /// contiguous block.
    /// </summary>
    internal static (Tensor Data, int Outer, int Reduced, int Inner) ToReductionLayout(Tensor x, bool[] reducedAxes)
    {
        var rank = x.Rank;
        int first = Array.IndexOf(reducedAxes, true), last = Array.LastIndexOf(reducedAxes, true);
        if (first < 0) return (x, x.Size, 1, 1);
        var contiguous = true;
        for (var i = first; i <= last; i++) contiguous &= reducedAxes[i];
        if (contiguous)
            return (x, x.Shape.Product(0, first), x.Shape.Product(first, last + 1), x.Shape.Product(last + 1, rank));

        // Move the kept axes first and the reduced axes last, keeping each group's order.
        var perm = new int[rank];
        int k = 0, kept = 1, red = 1;
        for (var i = 0; i < rank; i++) if (!reducedAxes[i]) { perm[k++] = i; kept *= x.Shape[i]; }
        for (var i = 0; i < rank; i++) if (reducedAxes[i]) { perm[k++] = i; red *= x.Shape[i]; }
        var permuted = Tensor.Empty(new Shape(kept, red));
        Permute.Run(x.AsSpan(), x.Shape.Dims, perm, permuted.Floats);
        return (permuted, kept, red, 1);
    }

    /// <summary>Broadcasts x to <paramref name="shape"/> (NumPy rules), copying.</summary>
    public static Tensor BroadcastTo(Tensor x, Shape shape)
    {
        RequireFloat(x, "broadcast_to");
        var target = OpShapes.Broadcast(x.Shape, shape, "broadcast_to");
        if (target != shape)
            throw new ArgumentException($"broadcast_to: a tensor of shape {x.Shape} cannot be broadcast to {shape}.");
        if (x.Shape == shape) return x;
        var y = Tensor.Empty(shape);
        Broadcasting.Binary<AddOperator>(x.AsSpan(), x.Shape.Dims, [0f], [], y.Floats, shape.Dims);
        if (GradientTape.IsRecording(x))
            GradientTape.Record("broadcast_to", y, [x], g => [SumTo(g, x.Shape)]);
        return y;
    }

    /// <summary>A reduction kernel over the [outer, reduced, inner] layout.</summary>
    private delegate void ReductionKernel(ReadOnlySpan<float> src, int outer, int reduced, int inner, Span<float> dst);

    /// <summary>The forward of a float reduction: shape rule, layout, kernel. <paramref name="count"/> is the number of reduced elements per output.</summary>
    private static Tensor Reduce(Tensor x, int[]? axes, bool keepDims, string op, ReductionKernel kernel, out int count)
    {
        RequireFloat(x, op);
        var outShape = OpShapes.Reduce(x.Shape, axes, keepDims, op);
        var y = Tensor.Empty(outShape);
        var (src, outer, reduced, inner) = ToReductionLayout(x, OpShapes.ReducedAxes(x.Rank, axes, op));
        count = reduced;
        kernel(src.AsSpan(), outer, reduced, inner, y.Floats);
        return y;
    }

    private static Tensor Extremum(Tensor x, int[]? axes, bool keepDims, string op, ReductionKernel kernel)
    {
        var y = Reduce(x, axes, keepDims, op, kernel, out var count);
        if (count == 0 && y.Size > 0)
            throw new ArgumentException($"{op}: cannot reduce a tensor of shape {x.Shape} over axes {FormatAxes(axes)}, which hold no elements; the {op} of nothing is undefined.");
        if (GradientTape.IsRecording(x))
        {
            var kept = OpShapes.Reduce(x.Shape, axes, keepDims: true, op);
            GradientTape.Record(op, y, [x], g =>
            {
                var selected = Equal(x, Reshape(y, kept.ToArray()));
                var ties = Sum(selected, axes, keepDims: true);
                return [Multiply(selected, Divide(Reshape(g, kept.ToArray()), ties))];
            });
        }
        return y;
    }

    private delegate void ArgReductionKernel(ReadOnlySpan<float> src, int outer, int reduced, int inner, Span<int> dst);

    private static Tensor ArgReduce(Tensor x, int? axis, bool keepDims, string op, ArgReductionKernel kernel)
    {
        RequireFloat(x, op);
        var outShape = OpShapes.ArgReduce(x.Shape, axis, keepDims, op);
        var y = Tensor.EmptyInt(outShape);
        var (src, outer, reduced, inner) = ToReductionLayout(x, OpShapes.ReducedAxes(x.Rank, axis is { } a ? [a] : null, op));
        if (y.Size == 0) return y;
        if (reduced == 0)
            throw new ArgumentException($"{op}: cannot take the {op} of an empty sequence (shape {x.Shape}, axis {(axis?.ToString() ?? "None")}).");
        kernel(src.AsSpan(), outer, reduced, inner, y.Ints);
        return y;
    }

    private static string FormatAxes(int[]? axes) => axes is null ? "None" : "[" + string.Join(", ", axes) + "]";
}
