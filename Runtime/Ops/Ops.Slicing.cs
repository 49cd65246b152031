using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>
    /// The block of <paramref name="shape"/> starting at <paramref name="startIndices"/> (Keras <c>ops.slice</c>); a size of -1
    /// takes the rest of the axis. A block that is contiguous in memory (e.g. a range of the batch axis) is a view: no copy.
    /// </summary>
    public static Tensor Slice(Tensor x, int[] startIndices, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(x);
        var box = OpShapes.Slice(x.Shape, startIndices, shape);
        var y = SliceCore(x, startIndices, box);
        if (GradientTape.IsRecording(x))
        {
            var widths = new (int, int)[x.Rank];
            for (var i = 0; i < widths.Length; i++) widths[i] = (startIndices[i], x.Shape[i] - startIndices[i] - box[i]);
            GradientTape.Record("slice", y, [x], g => [Pad(g, widths)]);
        }
        return y;
    }

    /// <summary>Splits x into <paramref name="sections"/> equal pieces along <paramref name="axis"/> (the size must divide evenly).</summary>
    public static Tensor[] Split(Tensor x, int sections, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        return SplitAt(x, OpShapes.SplitRanges(x.Shape, sections, axis), axis);
    }

    /// <summary>
    /// Splits x at <paramref name="indices"/> along <paramref name="axis"/>: pieces x[:i0], x[i0:i1], ..., x[ik:], with NumPy's
    /// slicing rules (negative indices count from the end, indices past the end give empty pieces).
    /// </summary>
    public static Tensor[] Split(Tensor x, int[] indices, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        return SplitAt(x, OpShapes.SplitRanges(x.Shape, indices, axis), axis);
    }

    // Each piece is a slice, so each output records its own backward.
    private static Tensor[] SplitAt(Tensor x, (int Start, int Length)[] ranges, int axis)
    {
        var a = x.Shape.NormalizeAxis(axis);
        var pieces = new Tensor[ranges.Length];
        for (var i = 0; i < ranges.Length; i++)
        {
            var start = new int[x.Rank];
            start[a] = ranges[i].Start;
            pieces[i] = Slice(x, start, x.Shape.WithDim(a, ranges[i].Length).ToArray());
        }
        return pieces;
    }

    /// <summary>The block (checked by the caller) as a view when it is contiguous in x's storage, else as a copy.</summary>
    private static Tensor SliceCore(Tensor x, ReadOnlySpan<int> start, Shape box)
    {
        // Contiguous iff, past the first axis the block does not cover fully, every axis but the first such one has size 1.
        var rank = x.Rank;
        var k = rank - 1;
        while (k > 0 && start[k] == 0 && box[k] == x.Shape[k]) k--;
        var contiguous = box.Size == 0 || box.Product(0, Math.Max(k, 0)) == 1;
        if (contiguous)
        {
            var strides = x.Shape.Strides();
            var offset = 0;
            for (var i = 0; i < rank; i++) offset += start[i] * strides[i];
            return x.View(box, box.Size == 0 ? 0 : offset);
        }
        var y = Tensor.Empty(box, x.DType);
        if (x.DType == DType.Float32) Slicing.Extract(x.AsSpan(), x.Shape.Dims, start, box.Dims, y.Floats);
        else Slicing.Extract(x.AsIntSpan(), x.Shape.Dims, start, box.Dims, y.Ints);
        return y;
    }
}
