namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>Copies a row-major tensor into the axis order <c>perm</c> (output axis i is input axis perm[i]).</summary>
internal static class Permute
{
    public static void Run(ReadOnlySpan<float> src, ReadOnlySpan<int> dims, ReadOnlySpan<int> perm, Span<float> dst) =>
        Run<float>(src, dims, perm, dst);

    public static void Run(ReadOnlySpan<int> src, ReadOnlySpan<int> dims, ReadOnlySpan<int> perm, Span<int> dst) =>
        Run<int>(src, dims, perm, dst);

    private static void Run<T>(ReadOnlySpan<T> src, ReadOnlySpan<int> dims, ReadOnlySpan<int> perm, Span<T> dst)
    {
        var rank = dims.Length;
        if (src.Length == 0) return;
        if (rank == 0)
        {
            dst[0] = src[0];
            return;
        }
        Span<int> srcStrides = stackalloc int[rank];
        var s = 1;
        for (var i = rank - 1; i >= 0; i--)
        {
            srcStrides[i] = s;
            s *= dims[i];
        }
        Span<int> outDims = stackalloc int[rank];
        Span<int> step = stackalloc int[rank];
        for (var i = 0; i < rank; i++)
        {
            outDims[i] = dims[perm[i]];
            step[i] = srcStrides[perm[i]];
        }

        // Walk the output in order; the innermost output axis reads the input with a fixed stride.
        var inner = outDims[rank - 1];
        var innerStep = step[rank - 1];
        Span<int> index = stackalloc int[rank];
        var offset = 0;
        for (var o = 0; o < dst.Length; o += inner)
        {
            var row = dst.Slice(o, inner);
            if (innerStep == 1) src.Slice(offset, inner).CopyTo(row);
            else
            {
                var p = offset;
                for (var j = 0; j < inner; j++, p += innerStep) row[j] = src[p];
            }
            for (var axis = rank - 2; axis >= 0; axis--)
            {
                index[axis]++;
                offset += step[axis];
                if (index[axis] < outDims[axis]) break;
                offset -= step[axis] * outDims[axis];
                index[axis] = 0;
            }
        }
    }
}
