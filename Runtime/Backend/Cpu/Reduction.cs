using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Reductions over a contiguous block of axes, viewed as [outer, reduced, inner]. Callers permute other axis sets into that form.
/// Contiguous rows (inner == 1) reduce with TensorPrimitives; otherwise rows of inner elements are accumulated into the output
/// with vector ops. Work is split over the outputs (outer x column blocks) when there are enough of them, else over chunks of the
/// reduced axis whose partial results are combined in chunk order, so results never depend on the thread count.
/// </summary>
internal static class Reduction
{
    // Output columns per work item when inner > 1 (bounds the stack scratch of the variance pass: 2 x 4 KB).
    private const int ColumnBlock = 1024;

    // Elements per chunk when a few long reductions are split along the reduced axis.
    private const int ChunkElements = 32_768;

    // Fewer output groups than this (with long reductions) are split along the reduced axis instead.
    private const int MinGroups = 8;

    /// <summary>dst[o, i] = sum over r of src[o, r, i] (0 when reduced is 0).</summary>
    public static void Sum(ReadOnlySpan<float> src, int outer, int reduced, int inner, Span<float> dst) =>
        Reduce<SumOperator>(src, outer, reduced, inner, dst);

    /// <summary>dst[o, i] = product over r of src[o, r, i] (1 when reduced is 0).</summary>
    public static void Product(ReadOnlySpan<float> src, int outer, int reduced, int inner, Span<float> dst) =>
        Reduce<ProductOperator>(src, outer, reduced, inner, dst);

    /// <summary>dst[o, i] = max over r of src[o, r, i]; NaN propagates. <paramref name="reduced"/> must be positive.</summary>
    public static void Max(ReadOnlySpan<float> src, int outer, int reduced, int inner, Span<float> dst) =>
        Reduce<MaxOperator>(src, outer, reduced, inner, dst);

    /// <summary>dst[o, i] = min over r of src[o, r, i]; NaN propagates. <paramref name="reduced"/> must be positive.</summary>
    public static void Min(ReadOnlySpan<float> src, int outer, int reduced, int inner, Span<float> dst) =>
        Reduce<MinOperator>(src, outer, reduced, inner, dst);

    /// <summary>dst[o, i] = mean over r of src[o, r, i] (NaN when reduced is 0, as NumPy).</summary>
    public static void Mean(ReadOnlySpan<float> src, int outer, int reduced, int inner, Span<float> dst)
    {
        Sum(src, outer, reduced, inner, dst);
        TensorPrimitives.Multiply(dst, 1f / reduced, dst);
    }

    /// <summary>Population variance (ddof 0) over r, two-pass (mean, then squared deviations) for accuracy.</summary>
    public static unsafe void Variance(ReadOnlySpan<float> src, int outer, int reduced, int inner, Span<float> dst)
    {
        Mean(src, outer, reduced, inner, dst);
        if (reduced == 0 || dst.Length == 0) return;
        fixed (float* mean = dst)
        {
            // The deviations' pass reads the means from dst and overwrites each output only after its whole column block is done.
            Run(new SquaredDeviationReducer(mean), src, outer, reduced, inner, dst);
        }
        TensorPrimitives.Multiply(dst, 1f / reduced, dst);
    }

    /// <summary>dst[o, i] = the first r at which src[o, r, i] is largest (a NaN counts as largest). <paramref name="reduced"/> must be positive.</summary>
    public static void ArgMax(ReadOnlySpan<float> src, int outer, int reduced, int inner, Span<int> dst) =>
        ArgReduce<GreaterComparison, MaxOperator>(src, outer, reduced, inner, dst);

    /// <summary>dst[o, i] = the first r at which src[o, r, i] is smallest (a NaN counts as smallest). <paramref name="reduced"/> must be positive.</summary>
    public static void ArgMin(ReadOnlySpan<float> src, int outer, int reduced, int inner, Span<int> dst) =>
        ArgReduce<LessComparison, MinOperator>(src, outer, reduced, inner, dst);

    private static void Reduce<TOp>(ReadOnlySpan<float> src, int outer, int reduced, int inner, Span<float> dst)
        where TOp : struct, IReductionOperator
    {
        if (dst.Length == 0) return;
        if (reduced == 0)
        {
            dst.Fill(TOp.Identity);
            return;
        }
        Run(default(Reducer<TOp>), src, outer, reduced, inner, dst);
    }

    /// <summary>The parallel driver shared by every float reduction (reduced > 0, dst non-empty).</summary>
    private static unsafe void Run<TR>(TR reducer, ReadOnlySpan<float> src, int outer, int reduced, int inner, Span<float> dst)
        where TR : struct, IBlockReducer
    {
        var blocks = (inner + ColumnBlock - 1) / ColumnBlock;
        var groups = outer * blocks;
        var rowsPerChunk = Math.Max(1, ChunkElements / inner);
        fixed (float* ps = src, pd = dst)
        {
            var (s, d) = ((nint)ps, (nint)pd);
            if (groups >= MinGroups || blocks > 1 || reduced < 2 * rowsPerChunk)
            {
                var width = Math.Min(inner, ColumnBlock);
                CpuParallel.For(groups, reduced * width, (g0, g1) =>
                {
                    for (var g = g0; g < g1; g++)
                    {
                        var o = g / blocks;
                        var c0 = g % blocks * ColumnBlock;
                        var w = Math.Min(ColumnBlock, inner - c0);
                        var rows = new ReadOnlySpan<float>((float*)s + (long)o * reduced * inner + c0, (reduced - 1) * inner + w);
                        reducer.ReduceRows(rows, reduced, inner, w, o * inner + c0, new Span<float>((float*)d + o * inner + c0, w));
                    }
                });
                return;
            }

            // A few long reductions: partial results per chunk of rows, combined in order.
            var chunks = (reduced + rowsPerChunk - 1) / rowsPerChunk;
            var partials = ArrayPool<float>.Shared.Rent(chunks * inner);
            try
            {
                fixed (float* pp = partials)
                {
                    var p = (nint)pp;
                    for (var o = 0; o < outer; o++)
                    {
                        var oo = o;
                        CpuParallel.For(chunks, rowsPerChunk * inner, (c0, c1) =>
                        {
                            for (var c = c0; c < c1; c++)
                            {
                                var r0 = c * rowsPerChunk;
                                var rows = Math.Min(rowsPerChunk, reduced - r0);
                                var block = new ReadOnlySpan<float>((float*)s + ((long)oo * reduced + r0) * inner, rows * inner);
                                reducer.ReduceRows(block, rows, inner, inner, oo * inner, new Span<float>((float*)p + c * inner, inner));
                            }
                        });
                        var acc = dst.Slice(o * inner, inner);
                        partials.AsSpan(0, inner).CopyTo(acc);
                        for (var c = 1; c < chunks; c++) reducer.Combine(partials.AsSpan(c * inner, inner), acc);
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(partials);
            }
        }
    }

    private static unsafe void ArgReduce<TBetter, TExtreme>(ReadOnlySpan<float> src, int outer, int reduced, int inner, Span<int> dst)
        where TBetter : struct, IComparison
        where TExtreme : struct, IReductionOperator
    {
        if (dst.Length == 0) return;
        var blocks = (inner + ColumnBlock - 1) / ColumnBlock;
        fixed (float* ps = src)
        fixed (int* pd = dst)
        {
            var (s, d) = ((nint)ps, (nint)pd);
            CpuParallel.For(outer * blocks, reduced * Math.Min(inner, ColumnBlock), (g0, g1) =>
            {
                for (var g = g0; g < g1; g++)
                {
                    var o = g / blocks;
                    var c0 = g % blocks * ColumnBlock;
                    var w = Math.Min(ColumnBlock, inner - c0);
                    var rows = new ReadOnlySpan<float>((float*)s + (long)o * reduced * inner + c0, (reduced - 1) * inner + w);
                    var result = new Span<int>((int*)d + o * inner + c0, w);
                    if (inner == 1) result[0] = ArgOfRow<TExtreme>(rows);
                    else ArgOfColumns<TBetter>(rows, reduced, inner, result);
                }
            });
        }
    }

    // The extreme by a vectorized reduction, then its first occurrence (NaN propagates through Max/Min, so a NaN row yields its first NaN).
    private static int ArgOfRow<TExtreme>(ReadOnlySpan<float> row) where TExtreme : struct, IReductionOperator
    {
        var extreme = TExtreme.Reduce(row);
        if (float.IsNaN(extreme))
        {
            for (var i = 0; i < row.Length; i++) if (float.IsNaN(row[i])) return i;
        }
        for (var i = 0; i < row.Length; i++) if (row[i] == extreme) return i;
        return 0;
    }

    // Running best value and index per column; a strictly better value (or a first NaN) replaces, so ties keep the first row.
    private static void ArgOfColumns<TBetter>(ReadOnlySpan<float> rows, int reduced, int stride, Span<int> result)
        where TBetter : struct, IComparison
    {
        var width = result.Length;
        Span<float> best = stackalloc float[width];
        rows[..width].CopyTo(best);
        result.Clear();
        ref var bestRef = ref MemoryMarshal.GetReference(best);
        ref var resultRef = ref MemoryMarshal.GetReference(result);
        for (var r = 1; r < reduced; r++)
        {
            var row = rows.Slice(r * stride, width);
            ref var rowRef = ref MemoryMarshal.GetReference(row);
            var i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var index = Vector256.Create(r);
                for (; i <= width - Vector256<float>.Count; i += Vector256<float>.Count)
                {
                    var v = Vector256.LoadUnsafe(ref rowRef, (nuint)i);
                    var b = Vector256.LoadUnsafe(ref bestRef, (nuint)i);
                    var take = TBetter.Test(v, b) | (~Vector256.Equals(v, v) & Vector256.Equals(b, b));
                    Vector256.ConditionalSelect(take, v, b).StoreUnsafe(ref bestRef, (nuint)i);
                    Vector256.ConditionalSelect(take.AsInt32(), index, Vector256.LoadUnsafe(ref resultRef, (nuint)i)).StoreUnsafe(ref resultRef, (nuint)i);
                }
            }
            for (; i < width; i++)
            {
                var v = row[i];
                if (TBetter.Test(v, best[i]) || (float.IsNaN(v) && !float.IsNaN(best[i])))
                {
                    best[i] = v;
                    result[i] = r;
                }
            }
        }
    }

    /// <summary>An associative reduction: its whole-span form, its row-accumulating form, and its value over no elements.</summary>
    private interface IReductionOperator
    {
        static abstract float Identity { get; }

        /// <summary>The reduction of a non-empty span.</summary>
        static abstract float Reduce(ReadOnlySpan<float> x);

        /// <summary>acc = op(acc, x) element-wise.</summary>
        static abstract void Accumulate(ReadOnlySpan<float> x, Span<float> acc);
    }

    private readonly struct SumOperator : IReductionOperator
    {
        public static float Identity => 0f;
        public static float Reduce(ReadOnlySpan<float> x) => TensorPrimitives.Sum(x);
        public static void Accumulate(ReadOnlySpan<float> x, Span<float> acc) => TensorPrimitives.Add(acc, x, acc);
    }

    private readonly struct ProductOperator : IReductionOperator
    {
        public static float Identity => 1f;
        public static float Reduce(ReadOnlySpan<float> x) => TensorPrimitives.Product(x);
        public static void Accumulate(ReadOnlySpan<float> x, Span<float> acc) => TensorPrimitives.Multiply(acc, x, acc);
    }

    private readonly struct MaxOperator : IReductionOperator
    {
        public static float Identity => float.NegativeInfinity;
        public static float Reduce(ReadOnlySpan<float> x) => TensorPrimitives.Max(x);
        public static void Accumulate(ReadOnlySpan<float> x, Span<float> acc) => TensorPrimitives.Max(acc, x, acc);
    }

    private readonly struct MinOperator : IReductionOperator
    {
        public static float Identity => float.PositiveInfinity;
        public static float Reduce(ReadOnlySpan<float> x) => TensorPrimitives.Min(x);
        public static void Accumulate(ReadOnlySpan<float> x, Span<float> acc) => TensorPrimitives.Min(acc, x, acc);
    }

    /// <summary>Reduces a block of rows (row r at r * stride, <c>width</c> columns) into acc; <c>outIndex</c> is acc's first output.</summary>
    private interface IBlockReducer
    {
        void ReduceRows(ReadOnlySpan<float> rows, int count, int stride, int width, int outIndex, Span<float> acc);

        /// <summary>acc = combine(acc, partial): merges the result of another block of rows.</summary>
        void Combine(ReadOnlySpan<float> partial, Span<float> acc);
    }

    private readonly struct Reducer<TOp> : IBlockReducer where TOp : struct, IReductionOperator
    {
        public void ReduceRows(ReadOnlySpan<float> rows, int count, int stride, int width, int outIndex, Span<float> acc)
        {
            if (stride == 1)
            {
                acc[0] = TOp.Reduce(rows[..count]);
                return;
            }
            rows[..width].CopyTo(acc);
            for (var r = 1; r < count; r++) TOp.Accumulate(rows.Slice(r * stride, width), acc);
        }

        public void Combine(ReadOnlySpan<float> partial, Span<float> acc) => TOp.Accumulate(partial, acc);
    }

    /// <summary>Sums of squared deviations from per-output means.</summary>
    private readonly unsafe struct SquaredDeviationReducer(float* mean) : IBlockReducer
    {
        private readonly nint _mean = (nint)mean;

        public void ReduceRows(ReadOnlySpan<float> rows, int count, int stride, int width, int outIndex, Span<float> acc)
        {
            Span<float> tmp = stackalloc float[ColumnBlock];
            if (stride == 1)
            {
                var m = ((float*)_mean)[outIndex];
                var total = 0f;
                for (var start = 0; start < count; start += ColumnBlock)
                {
                    var len = Math.Min(ColumnBlock, count - start);
                    TensorPrimitives.Subtract(rows.Slice(start, len), m, tmp[..len]);
                    total += TensorPrimitives.SumOfSquares(tmp[..len]);
                }
                acc[0] = total;
                return;
            }
            var means = new ReadOnlySpan<float>((float*)_mean + outIndex, width);
            Span<float> sum = stackalloc float[width];
            sum.Clear();
            var deviation = tmp[..width];
            for (var r = 0; r < count; r++)
            {
                TensorPrimitives.Subtract(rows.Slice(r * stride, width), means, deviation);
                TensorPrimitives.MultiplyAdd(deviation, deviation, sum, sum);
            }
            sum.CopyTo(acc);
        }

        public void Combine(ReadOnlySpan<float> partial, Span<float> acc) => TensorPrimitives.Add(acc, partial, acc);
    }
}
