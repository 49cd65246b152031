using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Channels_last max and average pooling over 1, 2 or 3 spatial axes, windows described by a <see cref="WindowGeometry"/>
/// (the pool is the kernel window). Padding never contributes: max pooling ignores out-of-input taps, and average pooling
/// divides by the number of in-input taps, as Keras (TensorFlow) does for 'same' padding. Max pooling records, per output
/// element, the offset of its maximum inside the batch item, so the backward is a scatter without recomputation. Windows run
/// along channels, which are contiguous, so the inner loops are vector loads and adds.
/// </summary>
internal static unsafe class Pooling
{
    /// <summary>y = max over each window; argmax[i] = offset of y[i]'s source within its batch item (first maximum wins).</summary>
    public static void MaxForward(in WindowGeometry g, ReadOnlySpan<float> x, Span<float> y, Span<int> argmax)
    {
        Check(g, x.Length, y.Length);
        if (y.Length == 0) return;
        var geometry = g;
        fixed (float* px = x, py = y)
        fixed (int* pi = argmax)
        {
            var (sx, sy, si) = ((nint)px, (nint)py, (nint)pi);
            CpuParallel.For(Rows(g), g.OutWidth * g.KernelTaps * g.InChannels, (start, end) =>
            {
                for (var row = start; row < end; row++) MaxRow(geometry, (float*)sx, (float*)sy, (int*)si, row);
            });
        }
    }

    private static void MaxRow(in WindowGeometry g, float* x, float* y, int* argmax, int row)
    {
        var c = g.InChannels;
        var (n, od, oh) = RowPosition(g, row);
        var item = x + (long)n * g.InputItemSize;
        for (var ow = 0; ow < g.OutWidth; ow++)
        {
            var outOffset = ((long)row * g.OutWidth + ow) * c;
            float* dst = y + outOffset;
            int* idx = argmax + outOffset;
            var first = true;
            var w = Window(g, od, oh, ow);
            for (var id = w.D0; id < w.D1; id++)
            {
                for (var ih = w.H0; ih < w.H1; ih++)
                {
                    for (var iw = w.W0; iw < w.W1; iw++)
                    {
                        var offset = ((id * g.InHeight + ih) * g.InWidth + iw) * c;
                        var src = item + offset;
                        if (first)
                        {
                            new ReadOnlySpan<float>(src, c).CopyTo(new Span<float>(dst, c));
                            for (var ch = 0; ch < c; ch++) idx[ch] = offset + ch;
                            first = false;
                            continue;
                        }
                        MaxInto(src, dst, idx, offset, c);
                    }
                }
            }
        }
    }

    // dst = max(dst, src) elementwise, idx = offset of the new maximum where src wins (strictly greater: first maximum stays).
    private static void MaxInto(float* src, float* dst, int* idx, int offset, int c)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
            for (; i <= c - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.Load(src + i);
                var m = Vector256.Load(dst + i);
                var greater = Vector256.GreaterThan(v, m);
                Vector256.ConditionalSelect(greater, v, m).Store(dst + i);
                var at = Vector256.Create(offset + i) + lane;
                Vector256.ConditionalSelect(greater.AsInt32(), at, Vector256.Load(idx + i)).Store(idx + i);
            }
        }
        for (; i < c; i++)
        {
            if (src[i] > dst[i])
            {
                dst[i] = src[i];
                idx[i] = offset + i;
            }
        }
    }

    /// <summary>dx = scatter of dy to the recorded maxima (overwritten); split by batch item so threads never share a target.</summary>
    public static void MaxBackward(in WindowGeometry g, ReadOnlySpan<float> dy, ReadOnlySpan<int> argmax, Span<float> dx)
    {
        if (dy.Length == 0)
        {
            dx.Clear();
            return;
        }
        var perItem = g.OutPixels * g.InChannels;
        var itemSize = g.InputItemSize;
        fixed (float* pdy = dy, pdx = dx)
        fixed (int* pi = argmax)
        {
            var (sdy, sdx, si) = ((nint)pdy, (nint)pdx, (nint)pi);
            CpuParallel.For(g.Batch, perItem, (start, end) =>
            {
                for (var n = start; n < end; n++)
                {
                    float* src = (float*)sdy + (long)n * perItem, target = (float*)sdx + (long)n * itemSize;
                    int* idx = (int*)si + (long)n * perItem;
                    // Cleared item by item on the thread that scatters into it: parallel, and the item stays in cache.
                    new Span<float>(target, itemSize).Clear();
                    for (var i = 0; i < perItem; i++) target[idx[i]] += src[i];
                }
            });
        }
    }

    /// <summary>y = mean over the in-input taps of each window.</summary>
    public static void AverageForward(in WindowGeometry g, ReadOnlySpan<float> x, Span<float> y)
    {
        Check(g, x.Length, y.Length);
        if (y.Length == 0) return;
        var geometry = g;
        fixed (float* px = x, py = y)
        {
            var (sx, sy) = ((nint)px, (nint)py);
            CpuParallel.For(Rows(g), g.OutWidth * g.KernelTaps * g.InChannels, (start, end) =>
            {
                for (var row = start; row < end; row++) AverageRow(geometry, (float*)sx, (float*)sy, row);
            });
        }
    }

    private static void AverageRow(in WindowGeometry g, float* x, float* y, int row)
    {
        var c = g.InChannels;
        var (n, od, oh) = RowPosition(g, row);
        var item = x + (long)n * g.InputItemSize;
        for (var ow = 0; ow < g.OutWidth; ow++)
        {
            var dst = new Span<float>(y + ((long)row * g.OutWidth + ow) * c, c);
            dst.Clear();
            var w = Window(g, od, oh, ow);
            for (var id = w.D0; id < w.D1; id++)
            {
                for (var ih = w.H0; ih < w.H1; ih++)
                {
                    for (var iw = w.W0; iw < w.W1; iw++)
                        TensorPrimitives.Add(dst, new ReadOnlySpan<float>(item + ((id * g.InHeight + ih) * g.InWidth + iw) * c, c), dst);
                }
            }
            TensorPrimitives.Multiply(dst, 1f / w.Taps, dst);
        }
    }

    /// <summary>dx = each dy spread evenly over its window's in-input taps (overwritten); split by batch item.</summary>
    public static void AverageBackward(in WindowGeometry g, ReadOnlySpan<float> dy, Span<float> dx)
    {
        dx.Clear();
        if (dy.Length == 0) return;
        var geometry = g;
        fixed (float* pdy = dy, pdx = dx)
        {
            var (sdy, sdx) = ((nint)pdy, (nint)pdx);
            CpuParallel.For(g.Batch, g.OutPixels * g.KernelTaps * g.InChannels, (start, end) =>
            {
                for (var n = start; n < end; n++) AverageBackwardItem(geometry, (float*)sdy, (float*)sdx, n);
            });
        }
    }

    private static void AverageBackwardItem(in WindowGeometry g, float* dy, float* dx, int n)
    {
        var c = g.InChannels;
        var item = dx + (long)n * g.InputItemSize;
        for (var p = 0; p < g.OutPixels; p++)
        {
            var (_, od, oh, ow) = Im2Col.Position(g, p);
            var src = new ReadOnlySpan<float>(dy + ((long)n * g.OutPixels + p) * c, c);
            var w = Window(g, od, oh, ow);
            var scale = 1f / w.Taps;
            for (var id = w.D0; id < w.D1; id++)
            {
                for (var ih = w.H0; ih < w.H1; ih++)
                {
                    for (var iw = w.W0; iw < w.W1; iw++)
                    {
                        var target = new Span<float>(item + ((id * g.InHeight + ih) * g.InWidth + iw) * c, c);
                        TensorPrimitives.MultiplyAdd(src, scale, target, target);
                    }
                }
            }
        }
    }

    // Output rows (batch item, depth, row) are the unit of parallel work; each holds OutWidth windows.
    private static int Rows(in WindowGeometry g) => g.Batch * g.OutDepth * g.OutHeight;

    private static (int Item, int Depth, int Row) RowPosition(in WindowGeometry g, int row)
    {
        var perItem = g.OutDepth * g.OutHeight;
        var n = row / perItem;
        var r = row - n * perItem;
        var od = r / g.OutHeight;
        return (n, od, r - od * g.OutHeight);
    }

    /// <summary>The in-input planes, rows and columns of output pixel (od, oh, ow)'s window.</summary>
    private static PoolWindow Window(in WindowGeometry g, int od, int oh, int ow)
    {
        var (d0, d1) = WindowGeometry.Span(od, g.StrideD, g.PadFront, g.KernelDepth, g.InDepth);
        var (h0, h1) = WindowGeometry.Span(oh, g.StrideH, g.PadTop, g.KernelHeight, g.InHeight);
        var (w0, w1) = WindowGeometry.Span(ow, g.StrideW, g.PadLeft, g.KernelWidth, g.InWidth);
        return new PoolWindow(d0, d1, h0, h1, w0, w1);
    }

    private readonly record struct PoolWindow(int D0, int D1, int H0, int H1, int W0, int W1)
    {
        public int Taps => (D1 - D0) * (H1 - H0) * (W1 - W0);
    }

    private static void Check(in WindowGeometry g, int x, int y)
    {
        if (x != g.Batch * g.InputItemSize || y != g.Batch * g.OutPixels * g.InChannels)
            throw new ArgumentException($"Pooling: span lengths x={x}, y={y} do not match the geometry {g}.");
    }
}
