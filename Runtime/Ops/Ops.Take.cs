using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;
using GatherKernel = NotebookKeras.Runtime.Backend.Cpu.Gather;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>
    /// The elements of x at <paramref name="indices"/> (int32, any shape; negative indices count from the end) along
    /// <paramref name="axis"/>: the output's shape is x's with that axis replaced by the indices' shape. A null axis takes from x
    /// flattened. Out-of-range indices are an error. Float32 and int32 x.
    /// </summary>
    public static Tensor Take(Tensor x, Tensor indices, int? axis = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.DType != DType.Int32)
            throw new ArgumentException($"take: argument 'indices' must be int32, got {indices.DType.KerasName()} with shape {indices.Shape}.", nameof(indices));
        if (axis is null) return Take(Reshape(x, -1), indices, 0);

        var shape = OpShapes.Take(x.Shape, indices.Shape, axis);
        var a = x.Shape.NormalizeAxis(axis.Value);
        var dim = x.Shape[a];
        int outer = x.Shape.Product(0, a), inner = x.Shape.Product(a + 1, x.Rank);
        var normalized = NormalizeIndices(indices, dim, a, x.Shape);
        var y = Tensor.Empty(shape, x.DType);
        if (x.DType == DType.Float32) GatherKernel.Take(x.AsSpan(), outer, dim, inner, normalized, y.Floats);
        else GatherKernel.Take(x.AsIntSpan(), outer, dim, inner, normalized, y.Ints);
        if (GradientTape.IsRecording(x))
        {
            GradientTape.Record("take", y, [x], g =>
            {
                var dx = Tensor.Empty(x.Shape);
                GatherKernel.ScatterAdd(g.AsSpan(), outer, dim, inner, normalized, dx.Floats);
                return [dx];
            });
        }
        return y;
    }

    /// <summary>The indices mapped into [0, dim), or an error naming the first out-of-range index.</summary>
    private static int[] NormalizeIndices(Tensor indices, int dim, int axis, Shape x)
    {
        var source = indices.AsIntSpan();
        var result = new int[source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            var index = source[i];
            var n = index < 0 ? index + dim : index;
            if ((uint)n >= (uint)dim)
                throw new ArgumentOutOfRangeException("indices", $"take: index {index} (at position {i} of the indices) is out of range for axis {axis} of size {dim} (shape {x}); valid: {-dim}..{dim - 1}.");
            result[i] = n;
        }
        return result;
    }
}
