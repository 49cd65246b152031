using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>Sum over <paramref name="axes"/> (null: every axis).</summary>
    public static Tensor Sum(Tensor x, int[]? axes = null, bool keepDims = false)
    {
        RequireFloat(x, "sum");
        var outShape = OpShapes.Reduce(x.Shape, axes, keepDims, "sum");
        var y = Tensor.Empty(outShape);
        var (src, outer, reduced, inner) = ToReductionLayout(x, OpShapes.ReducedAxes(x.Rank, axes, "sum"));
        Reduction.Sum(src.AsSpan(), outer, reduced, inner, y.Floats);
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
}
