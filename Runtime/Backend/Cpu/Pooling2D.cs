using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Channels_last 2-D max and average pooling over windows described by a <see cref="Window2DGeometry"/> (the pool is the
/// kernel window). Padding never contributes: max pooling ignores out-of-image taps, and average pooling divides by the number
/// of in-image taps, as Keras (TensorFlow) does for 'same' padding. Max pooling records, per output element, the offset of
/// its maximum inside the batch item, so the backward is a scatter without recomputation. Windows run along channels, which
/// are contiguous, so the inner loops are vector loads and adds.
/// </summary>
internal static unsafe class Pooling2D
{
    /// <summary>y = max over each window; argmax[i] = offset of y[i]'s source within its batch item (first maximum wins).</summary>
    public static void MaxForward(in Window2DGeometry g, ReadOnlySpan<float> x, Span<float> y, Span<int> argmax)
    {
        Check(g, x.Length, y.Length);
        if (y.Length == 0) return;
        var geometry = g;
        fixed (float* px = x, py = y)
        fixed (int* pi = argmax)
        {
            var (sx, sy, si) = ((nint)px, (nint)py, (nint)pi);
            CpuParallel.For(g.Batch * g.OutHeight, g.OutWidth * g.KernelHeight * g.KernelWidth * g.InChannels, (start, end) =>
            {
                for (var row = start; row < end; row++) MaxRow(geometry, (float*)sx, (float*)sy, (int*)si, row);
            });
        }
    }

    private static void MaxRow(in Window2DGeometry g, float* x, float* y, int* argmax, int row)
    {
        var c = g.InChannels;
        var n = row / g.OutHeight;
        var oh = row - n * g.OutHeight;
        var item = x + (long)n * g.InputItemSize;
        for (var ow = 0; ow < g.OutWidth; ow++)
        {
            var outOffset = ((long)row * g.OutWidth + ow) * c;
            float* dst = y + outOffset;
            int* idx = argmax + outOffset;
            var first = true;
            var (h0, h1, w0, w1) = Window(g, oh, ow);
            for (var ih = h0; ih < h1; ih++)
            {
                for (var iw = w0; iw < w1; iw++)
                {
                    var offset = (ih * g.InWidth + iw) * c;
                    var src = item + offset;
                    if (first)
                    {
                        new ReadOnlySpan<float>(src, c).CopyTo(new Span<float>(dst, c));
                        for (var ch = 0; ch < c; ch++) idx[ch] = offset + ch;
                        first = false;
                        continue;
                    }
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
            }
        }
    }

    /// <summary>dx = scatter of dy to the recorded maxima (overwritten); split by batch item so threads never share a target.</summary>
    public static void MaxBackward(in Window2DGeometry g, ReadOnlySpan<float> dy, ReadOnlySpan<int> argmax, Span<float> dx)
    {
        dx.Clear();
        if (dy.Length == 0) return;
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
                    for (var i = 0; i < perItem; i++) target[idx[i]] += src[i];
                }
            });
        }
    }

    /// <summary>y = mean over the in-image taps of each window.</summary>
    public static void AverageForward(in Window2DGeometry g, ReadOnlySpan<float> x, Span<float> y)
    {
        Check(g, x.Length, y.Length);
        if (y.Length == 0) return;
        var geometry = g;
        fixed (float* px = x, py = y)
        {
            var (sx, sy) = ((nint)px, (nint)py);
            CpuParallel.For(g.Batch * g.OutHeight, g.OutWidth * g.KernelHeight * g.KernelWidth * g.InChannels, (start, end) =>
            {
                for (var row = start; row < end; row++) AverageRow(geometry, (float*)sx, (float*)sy, row);
            });
        }
    }

    private static void AverageRow(in Window2DGeometry g, float* x, float* y, int row)
    {
        var c = g.InChannels;
        var n = row / g.OutHeight;
        var oh = row - n * g.OutHeight;
        var item = x + (long)n * g.InputItemSize;
        for (var ow = 0; ow < g.OutWidth; ow++)
        {
            var dst = new Span<float>(y + ((long)row * g.OutWidth + ow) * c, c);
            dst.Clear();
            var (h0, h1, w0, w1) = Window(g, oh, ow);
            for (var ih = h0; ih < h1; ih++)
            {
                for (var iw = w0; iw < w1; iw++)
                    TensorPrimitives.Add(dst, new ReadOnlySpan<float>(item + (ih * g.InWidth + iw) * c, c), dst);
            }
            TensorPrimitives.Multiply(dst, 1f / ((h1 - h0) * (w1 - w0)), dst);
        }
    }

    /// <summary>dx = each dy spread evenly over its window's in-image taps (overwritten); split by batch item.</summary>
    public static void AverageBackward(in Window2DGeometry g, ReadOnlySpan<float> dy, Span<float> dx)
    {
        dx.Clear();
        if (dy.Length == 0) return;
        var geometry = g;
        fixed (float* pdy = dy, pdx = dx)
        {
            var (sdy, sdx) = ((nint)pdy, (nint)pdx);
            CpuParallel.For(g.Batch, g.OutPixels * g.KernelHeight * g.KernelWidth * g.InChannels, (start, end) =>
            {
                for (var n = start; n < end; n++) AverageBackwardItem(geometry, (float*)sdy, (float*)sdx, n);
            });
        }
    }

    private static void AverageBackwardItem(in Window2DGeometry g, float* dy, float* dx, int n)
    {
        var c = g.InChannels;
        var item = dx + (long)n * g.InputItemSize;
        for (var oh = 0; oh < g.OutHeight; oh++)
        {
            for (var ow = 0; ow < g.OutWidth; ow++)
            {
                var src = new ReadOnlySpan<float>(dy + (((long)n * g.OutHeight + oh) * g.OutWidth + ow) * c, c);
                var (h0, h1, w0, w1) = Window(g, oh, ow);
                var scale = 1f / ((h1 - h0) * (w1 - w0));
                for (var ih = h0; ih < h1; ih++)
                {
                    for (var iw = w0; iw < w1; iw++)
                    {
                        var target = new Span<float>(item + (ih * g.InWidth + iw) * c, c);
                        TensorPrimitives.MultiplyAdd(src, scale, target, target);
                    }
                }
            }
        }
    }

    /// <summary>The in-image rows [h0, h1) and columns [w0, w1) of output pixel (oh, ow)'s window.</summary>
    private static (int H0, int H1, int W0, int W1) Window(in Window2DGeometry g, int oh, int ow)
    {
        var top = oh * g.StrideH - g.PadTop;
        var left = ow * g.StrideW - g.PadLeft;
        return (Math.Max(top, 0), Math.Min(top + g.KernelHeight, g.InHeight),
            Math.Max(left, 0), Math.Min(left + g.KernelWidth, g.InWidth));
    }

    private static void Check(in Window2DGeometry g, int x, int y)
    {
        if (x != g.Batch * g.InputItemSize || y != g.Batch * g.OutPixels * g.InChannels)
            throw new ArgumentException($"Pooling2D: span lengths x={x}, y={y} do not match the geometry {g}.");
    }
}
