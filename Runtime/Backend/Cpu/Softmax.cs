using System.Buffers;
using System.Numerics.Tensors;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Softmax and log-softmax along the middle axis of a tensor viewed as [outer, n, inner], numerically stable (the maximum is
/// subtracted first). With inner == 1 each row is contiguous; otherwise a block of up to <see cref="Columns"/> columns is
/// processed row by row with vector operations across the columns, so no transpose is needed. Work items (a row, or a column
/// block of one outer slice) run in parallel.
/// </summary>
internal static class Softmax
{
    private const int Columns = 256;

    /// <summary>y = softmax(x) (or log_softmax(x) when <paramref name="log"/>) along n.</summary>
    public static unsafe void Forward(ReadOnlySpan<float> x, Span<float> y, int outer, int n, int inner, bool log)
    {
        if (y.Length == 0) return;
        fixed (float* px = x, py = y)
        {
            var (ax, ay) = ((nint)px, (nint)py);
            ForEachItem(outer, n, inner, (item, scratch) =>
            {
                var (offset, width) = Item(item, n, inner);
                var src = new ReadOnlySpan<float>((float*)ax + offset, (n - 1) * inner + width);
                var dst = new Span<float>((float*)ay + offset, src.Length);
                if (inner == 1) ForwardRow(src, dst, log);
                else ForwardColumns(src, dst, n, inner, width, scratch, log);
            });
        }
    }

    /// <summary>
    /// dx from the forward output y and the upstream gradient g: y * (g - sum(g * y)) for softmax,
    /// g - e^y * sum(g) for log-softmax.
    /// </summary>
    public static unsafe void Backward(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> dx, int outer, int n, int inner, bool log)
    {
        if (dx.Length == 0) return;
        fixed (float* py = y, pg = g, pdx = dx)
        {
            var (ay, ag, adx) = ((nint)py, (nint)pg, (nint)pdx);
            ForEachItem(outer, n, inner, (item, scratch) =>
            {
                var (offset, width) = Item(item, n, inner);
                var length = (n - 1) * inner + width;
                var ys = new ReadOnlySpan<float>((float*)ay + offset, length);
                var gs = new ReadOnlySpan<float>((float*)ag + offset, length);
                var ds = new Span<float>((float*)adx + offset, length);
                if (inner == 1) BackwardRow(ys, gs, ds, log);
                else BackwardColumns(ys, gs, ds, n, inner, width, scratch, log);
            });
        }
    }

    private static void ForwardRow(ReadOnlySpan<float> x, Span<float> y, bool log)
    {
        var max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Exp(y, y);
        var sum = TensorPrimitives.Sum(y);
        if (!log)
        {
            TensorPrimitives.Divide(y, sum, y);
            return;
        }
        // (x - max) - log(sum) rather than x - (max + log(sum)): the small term is not rounded away next to a large max.
        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Subtract(y, MathF.Log(sum), y);
    }

    private static void ForwardColumns(ReadOnlySpan<float> x, Span<float> y, int n, int inner, int width, Span<float> scratch, bool log)
    {
        var max = scratch[..width];
        var sum = scratch.Slice(width, width);
        x[..width].CopyTo(max);
        for (var r = 1; r < n; r++) TensorPrimitives.Max(max, x.Slice(r * inner, width), max);
        sum.Clear();
        for (var r = 0; r < n; r++)
        {
            var row = y.Slice(r * inner, width);
            TensorPrimitives.Subtract(x.Slice(r * inner, width), max, row);
            TensorPrimitives.Exp(row, row);
            TensorPrimitives.Add(sum, row, sum);
        }
        if (!log)
        {
            for (var r = 0; r < n; r++) TensorPrimitives.Divide(y.Slice(r * inner, width), sum, y.Slice(r * inner, width));
            return;
        }
        TensorPrimitives.Log(sum, sum);
        for (var r = 0; r < n; r++)
        {
            var row = y.Slice(r * inner, width);
            TensorPrimitives.Subtract(x.Slice(r * inner, width), max, row);
            TensorPrimitives.Subtract(row, sum, row);
        }
    }

    private static void BackwardRow(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> dx, bool log)
    {
        if (!log)
        {
            var dot = TensorPrimitives.Dot(g, y);
            TensorPrimitives.Subtract(g, dot, dx);
            TensorPrimitives.Multiply(dx, y, dx);
            return;
        }
        var sum = TensorPrimitives.Sum(g);
        TensorPrimitives.Exp(y, dx);
        TensorPrimitives.FusedMultiplyAdd(dx, -sum, g, dx);
    }

    private static void BackwardColumns(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> dx, int n, int inner, int width, Span<float> scratch, bool log)
    {
        var sum = scratch[..width];
        sum.Clear();
        if (!log)
        {
            for (var r = 0; r < n; r++) TensorPrimitives.FusedMultiplyAdd(g.Slice(r * inner, width), y.Slice(r * inner, width), sum, sum);
            for (var r = 0; r < n; r++)
            {
                var row = dx.Slice(r * inner, width);
                TensorPrimitives.Subtract(g.Slice(r * inner, width), sum, row);
                TensorPrimitives.Multiply(row, y.Slice(r * inner, width), row);
            }
            return;
        }
        for (var r = 0; r < n; r++) TensorPrimitives.Add(sum, g.Slice(r * inner, width), sum);
        TensorPrimitives.Negate(sum, sum);
        for (var r = 0; r < n; r++)
        {
            var row = dx.Slice(r * inner, width);
            TensorPrimitives.Exp(y.Slice(r * inner, width), row);
            TensorPrimitives.FusedMultiplyAdd(row, sum, g.Slice(r * inner, width), row);
        }
    }

    /// <summary>The start offset and column count of work item <paramref name="item"/>.</summary>
    private static (int Offset, int Width) Item(int item, int n, int inner)
    {
        if (inner == 1) return (item * n, 1);
        var blocks = (inner + Columns - 1) / Columns;
        var (o, b) = Math.DivRem(item, blocks);
        var column = b * Columns;
        return (o * n * inner + column, Math.Min(Columns, inner - column));
    }

    private static void ForEachItem(int outer, int n, int inner, Action<int, float[]> body)
    {
        var items = inner == 1 ? outer : outer * ((inner + Columns - 1) / Columns);
        var perItem = n * Math.Min(inner, Columns);
        CpuParallel.For(items, perItem * 4, (start, end) =>
        {
            // Per-column maximum and sum of a column block; pooled, so steady-state calls do not allocate scratch.
            var scratch = ArrayPool<float>.Shared.Rent(2 * Columns);
            try
            {
                for (var item = start; item < end; item++) body(item, scratch);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scratch);
            }
        });
    }
}
