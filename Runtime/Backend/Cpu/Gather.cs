using System.Numerics.Tensors;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Gathering whole runs along one axis of a tensor viewed as [outer, axis, inner] (take, and through it tile, repeat and the
/// non-constant pads), and its adjoint, scatter-add. Indices are already normalized into [0, axis) by the caller.
/// </summary>
internal static class Gather
{
    private const int ColumnBlock = 1024;

    /// <summary>dst[o, j, :] = src[o, indices[j], :].</summary>
    public static unsafe void Take<T>(ReadOnlySpan<T> src, int outer, int axis, int inner, ReadOnlySpan<int> indices, Span<T> dst)
        where T : unmanaged
    {
        var count = indices.Length;
        if (dst.Length == 0) return;
        fixed (T* ps = src, pd = dst)
        fixed (int* pi = indices)
        {
            var (s, d, ix) = ((nint)ps, (nint)pd, (nint)pi);
            CpuParallel.For(outer * count, inner, (first, end) =>
            {
                var idx = new ReadOnlySpan<int>((int*)ix, count);
                for (var row = first; row < end; row++)
                {
                    var o = row / count;
                    var from = ((long)o * axis + idx[row - o * count]) * inner;
                    if (inner == 1) ((T*)d)[row] = ((T*)s)[from];
                    else new ReadOnlySpan<T>((T*)s + from, inner).CopyTo(new Span<T>((T*)d + (long)row * inner, inner));
                }
            });
        }
    }

    /// <summary>
    /// dst[o, indices[j], :] += src[o, j, :] (the adjoint of <see cref="Take{T}"/>). Repeated indices accumulate; work is split
    /// over outer slices and column blocks, which never write the same element.
    /// </summary>
    public static unsafe void ScatterAdd(ReadOnlySpan<float> src, int outer, int axis, int inner, ReadOnlySpan<int> indices, Span<float> dst)
    {
        var count = indices.Length;
        if (src.Length == 0) return;
        var blocks = (inner + ColumnBlock - 1) / ColumnBlock;
        fixed (float* ps = src, pd = dst)
        fixed (int* pi = indices)
        {
            var (s, d, ix) = ((nint)ps, (nint)pd, (nint)pi);
            CpuParallel.For(outer * blocks, count * Math.Min(inner, ColumnBlock), (first, end) =>
            {
                var idx = new ReadOnlySpan<int>((int*)ix, count);
                for (var task = first; task < end; task++)
                {
                    var o = task / blocks;
                    var c0 = (task - o * blocks) * ColumnBlock;
                    var width = Math.Min(ColumnBlock, inner - c0);
                    for (var j = 0; j < count; j++)
                    {
                        var from = new ReadOnlySpan<float>((float*)s + ((long)o * count + j) * inner + c0, width);
                        var to = new Span<float>((float*)d + ((long)o * axis + idx[j]) * inner + c0, width);
                        if (width == 1) to[0] += from[0];
                        else TensorPrimitives.Add(to, from, to);
                    }
                }
            });
        }
    }
}
