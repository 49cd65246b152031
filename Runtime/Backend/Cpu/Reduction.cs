using System.Numerics.Tensors;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Reductions over a contiguous block of axes, viewed as [outer, reduced, inner]. Callers permute other axis sets into that form.
/// </summary>
internal static class Reduction
{
    /// <summary>dst[o, i] = sum over r of src[o, r, i].</summary>
    public static void Sum(ReadOnlySpan<float> src, int outer, int reduced, int inner, Span<float> dst)
    {
        if (inner == 1)
        {
            for (var o = 0; o < outer; o++) dst[o] = TensorPrimitives.Sum(src.Slice(o * reduced, reduced));
            return;
        }
        dst.Clear();
        for (var o = 0; o < outer; o++)
        {
            var d = dst.Slice(o * inner, inner);
            var block = src.Slice(o * reduced * inner, reduced * inner);
            for (var r = 0; r < reduced; r++) TensorPrimitives.Add(d, block.Slice(r * inner, inner), d);
        }
    }
}
