namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Copies a box (a rectangular block <c>[start, start + box)</c>) between a row-major tensor of shape <c>dims</c> and a dense
/// tensor of the box's shape: <see cref="Extract{T}"/> reads the box out (slice, split), <see cref="Insert{T}"/> writes it in
/// (concatenate, constant pad). Trailing axes the box spans fully are merged into one run, so each row is a single span copy;
/// rows are spread over the cores when the box is large.
/// </summary>
internal static class Slicing
{
    /// <summary>dst = src[start : start + box] (dst is dense, of shape box).</summary>
    public static unsafe void Extract<T>(ReadOnlySpan<T> src, ReadOnlySpan<int> dims, ReadOnlySpan<int> start, ReadOnlySpan<int> box, Span<T> dst)
        where T : unmanaged
    {
        fixed (T* s = src, d = dst) Copy(s, d, dims, start, box, extract: true);
    }

    /// <summary>dst[start : start + box] = src (src is dense, of shape box); elements of dst outside the box are left as they are.</summary>
    public static unsafe void Insert<T>(ReadOnlySpan<T> src, Span<T> dst, ReadOnlySpan<int> dims, ReadOnlySpan<int> start, ReadOnlySpan<int> box)
        where T : unmanaged
    {
        fixed (T* s = src, d = dst) Copy(d, s, dims, start, box, extract: false);
    }

    private static unsafe void Copy<T>(T* big, T* dense, ReadOnlySpan<int> dims, ReadOnlySpan<int> start, ReadOnlySpan<int> box, bool extract)
        where T : unmanaged
    {
        var rank = dims.Length;
        long size = 1;
        foreach (var d in box) size *= d;
        if (size == 0) return;
        if (rank == 0)
        {
            if (extract) *dense = *big;
            else *big = *dense;
            return;
        }

        // Axes after k are spanned fully: together with axis k they form one contiguous run per row.
        var k = rank - 1;
        var inner = 1;
        while (k > 0 && start[k] == 0 && box[k] == dims[k])
        {
            inner *= dims[k];
            k--;
        }
        var run = box[k] * inner;
        var rows = (int)(size / run);
        var rowDims = box[..k].ToArray();
        var rowStrides = new int[k];
        var stride = inner * dims[k];
        var baseOffset = start[k] * inner;
        for (var a = k - 1; a >= 0; a--)
        {
            rowStrides[a] = stride;
            baseOffset += start[a] * stride;
            stride *= dims[a];
        }

        var (pb, pd) = ((nint)big, (nint)dense);
        CpuParallel.For(rows, run, (first, end) =>
        {
            // Position the odometer on row `first`, then walk rows in order.
            Span<int> index = stackalloc int[rowDims.Length];
            var offset = baseOffset;
            var rem = first;
            for (var a = rowDims.Length - 1; a >= 0; a--)
            {
                index[a] = rem % rowDims[a];
                rem /= rowDims[a];
                offset += index[a] * rowStrides[a];
            }
            for (var row = first; row < end; row++)
            {
                var b = new Span<T>((T*)pb + offset, run);
                var d = new Span<T>((T*)pd + (long)row * run, run);
                if (extract) b.CopyTo(d);
                else d.CopyTo(b);
                for (var a = rowDims.Length - 1; a >= 0; a--)
                {
                    offset += rowStrides[a];
                    if (++index[a] < rowDims[a]) break;
                    offset -= rowStrides[a] * rowDims[a];
                    index[a] = 0;
                }
            }
        });
    }
}
