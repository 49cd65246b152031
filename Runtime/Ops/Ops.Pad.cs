using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>
    /// Pads x with <paramref name="padWidth"/> (before, after) elements per axis (one pair applies to every axis), NumPy style.
    /// Modes: "constant" (fills with <paramref name="constantValue"/>), "reflect" (mirror without repeating the edge), "symmetric"
    /// (mirror repeating the edge), "edge" (repeat the edge) and "wrap" (periodic). Float32 and int32.
    /// </summary>
    public static Tensor Pad(Tensor x, (int Before, int After)[] padWidth, string mode = "constant", float constantValue = 0f)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(mode);
        var widths = OpShapes.PadWidths(x.Shape, padWidth);
        var shape = OpShapes.Pad(x.Shape, widths);
        var padded = false;
        foreach (var (before, after) in widths) padded |= before + after > 0;
        switch (mode)
        {
            case "constant":
                return PadConstant(x, widths, shape, constantValue);
            case "reflect" or "symmetric" or "edge" or "wrap":
                return padded ? PadByIndex(x, widths, mode) : PadConstant(x, widths, shape, 0f);
            default:
                throw new ArgumentException($"pad: unsupported mode '{mode}'; use \"constant\", \"reflect\", \"symmetric\", \"edge\" or \"wrap\".", nameof(mode));
        }
    }

    private static Tensor PadConstant(Tensor x, (int Before, int After)[] widths, Shape shape, float constantValue)
    {
        var start = new int[x.Rank];
        for (var i = 0; i < start.Length; i++) start[i] = widths[i].Before;
        var y = Tensor.Empty(shape, x.DType);
        if (x.DType == DType.Float32)
        {
            if (constantValue != 0f) y.Floats.Fill(constantValue);
            Slicing.Insert(x.AsSpan(), y.Floats, shape.Dims, start, x.Shape.Dims);
        }
        else
        {
            if (constantValue != MathF.Truncate(constantValue))
                throw new ArgumentException($"pad: constantValue {constantValue} is not an integer, but the tensor is int32 (shape {x.Shape}).", nameof(constantValue));
            if (constantValue != 0f) y.Ints.Fill((int)constantValue);
            Slicing.Insert(x.AsIntSpan(), y.Ints, shape.Dims, start, x.Shape.Dims);
        }
        if (GradientTape.IsRecording(x))
            GradientTape.Record("pad", y, [x], g => [Slice(g, start, x.Shape.ToArray())]);
        return y;
    }

    // The non-constant modes read every output element from some input element: one take per padded axis, which also records
    // the backward (a scatter-add that folds the border back onto the elements it copies).
    private static Tensor PadByIndex(Tensor x, (int Before, int After)[] widths, string mode)
    {
        var y = x;
        for (var axis = 0; axis < x.Rank; axis++)
        {
            var (before, after) = widths[axis];
            if (before + after == 0) continue;
            var n = x.Shape[axis];
            if (n == 0)
                throw new ArgumentException($"pad: mode '{mode}' cannot pad axis {axis} of shape {x.Shape}: it is empty, so there is nothing to copy.", nameof(mode));
            var source = new int[before + n + after];
            for (var i = 0; i < source.Length; i++) source[i] = SourceIndex(i - before, n, mode);
            y = Take(y, Tensor.FromArray(source, source.Length), axis);
        }
        return y;
    }

    /// <summary>The input position that padded position <paramref name="i"/> (-before..n+after) copies, for an axis of size n.</summary>
    private static int SourceIndex(int i, int n, string mode)
    {
        switch (mode)
        {
            case "edge":
                return Math.Clamp(i, 0, n - 1);
            case "wrap":
                return Modulo(i, n);
            case "reflect":
                if (n == 1) return 0;
                var r = Modulo(i, 2 * (n - 1));
                return r < n ? r : 2 * (n - 1) - r;
            default: // symmetric
                var s = Modulo(i, 2 * n);
                return s < n ? s : 2 * n - 1 - s;
        }

        static int Modulo(int a, int m) => ((a % m) + m) % m;
    }
}
