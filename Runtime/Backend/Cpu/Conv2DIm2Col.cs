namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// im2col for channels_last 2-D convolution, and its adjoint col2im. Row r of the column matrix is output pixel r (batch item,
/// row, column in order) and holds its receptive field as (kh, kw, channel), so the product with the HWIO kernel viewed as a
/// (PatchSize x OutChannels) matrix is the convolution. Out-of-image taps are zeros.
/// </summary>
internal static unsafe class Conv2DIm2Col
{
    /// <summary>Fills cols (rows x PatchSize) with the patches of output pixels [firstRow, firstRow + rows) of the whole batch.</summary>
    public static void Gather(in Window2DGeometry g, float* x, int firstRow, int rows, float* cols)
    {
        var geometry = g;
        var (px, pc) = ((nint)x, (nint)cols);
        CpuParallel.For(rows, g.PatchSize, (start, end) =>
        {
            for (var r = start; r < end; r++) GatherRow(geometry, (float*)px, firstRow + r, (float*)pc + (long)r * geometry.PatchSize);
        });
    }

    private static void GatherRow(in Window2DGeometry g, float* x, int row, float* dst)
    {
        var n = row / g.OutPixels;
        var p = row - n * g.OutPixels;
        var oh = p / g.OutWidth;
        var ow = p - oh * g.OutWidth;
        var c = g.InChannels;
        var item = x + (long)n * g.InputItemSize;
        for (var kh = 0; kh < g.KernelHeight; kh++)
        {
            var ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
            var tapRow = dst + kh * g.KernelWidth * c;
            if ((uint)ih >= (uint)g.InHeight)
            {
                new Span<float>(tapRow, g.KernelWidth * c).Clear();
                continue;
            }
            var inRow = item + (long)ih * g.InWidth * c;
            var iw0 = ow * g.StrideW - g.PadLeft;
            if (g.DilationW == 1 && iw0 >= 0 && iw0 + g.KernelWidth <= g.InWidth)
            {
                // The kernel row's taps are adjacent pixels: one copy of KernelWidth * channels floats.
                new ReadOnlySpan<float>(inRow + (long)iw0 * c, g.KernelWidth * c).CopyTo(new Span<float>(tapRow, g.KernelWidth * c));
                continue;
            }
            for (var kw = 0; kw < g.KernelWidth; kw++)
            {
                var iw = iw0 + kw * g.DilationW;
                var tap = tapRow + kw * c;
                if ((uint)iw >= (uint)g.InWidth) new Span<float>(tap, c).Clear();
                else if (c == 1) *tap = inRow[iw];
                else new ReadOnlySpan<float>(inRow + (long)iw * c, c).CopyTo(new Span<float>(tap, c));
            }
        }
    }

    /// <summary>
    /// dx += col2im(cols) for batch items [firstItem, firstItem + items), cols holding all their output pixels. Work is split
    /// by batch item, so no two threads add into the same element.
    /// </summary>
    public static void ScatterAdd(in Window2DGeometry g, float* cols, int firstItem, int items, float* dx)
    {
        var geometry = g;
        var (pc, pd) = ((nint)cols, (nint)dx);
        CpuParallel.For(items, g.OutPixels * g.PatchSize, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var itemCols = (float*)pc + (long)i * geometry.OutPixels * geometry.PatchSize;
                ScatterItem(geometry, itemCols, (float*)pd + (long)(firstItem + i) * geometry.InputItemSize);
            }
        });
    }

    private static void ScatterItem(in Window2DGeometry g, float* cols, float* dx)
    {
        var c = g.InChannels;
        for (var oh = 0; oh < g.OutHeight; oh++)
        {
            for (var ow = 0; ow < g.OutWidth; ow++)
            {
                var src = cols + ((long)oh * g.OutWidth + ow) * g.PatchSize;
                for (var kh = 0; kh < g.KernelHeight; kh++)
                {
                    var ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                    if ((uint)ih >= (uint)g.InHeight) continue;
                    var inRow = dx + (long)ih * g.InWidth * c;
                    var iw0 = ow * g.StrideW - g.PadLeft;
                    if (g.DilationW == 1 && iw0 >= 0 && iw0 + g.KernelWidth <= g.InWidth)
                    {
                        // Adjacent taps: one vector add over KernelWidth * channels floats.
                        var run = new Span<float>(inRow + (long)iw0 * c, g.KernelWidth * c);
                        System.Numerics.Tensors.TensorPrimitives.Add(run, new ReadOnlySpan<float>(src + kh * g.KernelWidth * c, g.KernelWidth * c), run);
                        continue;
                    }
                    for (var kw = 0; kw < g.KernelWidth; kw++)
                    {
                        var iw = iw0 + kw * g.DilationW;
                        if ((uint)iw >= (uint)g.InWidth) continue;
                        var tap = src + (kh * g.KernelWidth + kw) * c;
                        if (c == 1) inRow[iw] += *tap;
                        else
                        {
                            var target = new Span<float>(inRow + (long)iw * c, c);
                            System.Numerics.Tensors.TensorPrimitives.Add(target, new ReadOnlySpan<float>(tap, c), target);
                        }
                    }
                }
            }
        }
    }
}
