using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// im2col for channels_last convolution over up to three spatial axes, and its adjoint col2im. Row r of one group's column
/// matrix is output pixel r (batch item, depth, row, column in order) and holds its receptive field as (kd, kh, kw, channel)
/// over the group's channels, so the product with the kernel's rows is the convolution. Out-of-input taps are zeros.
/// </summary>
internal static unsafe class Im2Col
{
    /// <summary>Fills cols (rows x PatchSize) with group <paramref name="group"/>'s patches of output pixels [firstRow, firstRow + rows).</summary>
    public static void Gather(in WindowGeometry g, float* x, int firstRow, int rows, int group, float* cols)
    {
        var geometry = g;
        var (px, pc) = ((nint)x, (nint)cols);
        CpuParallel.For(rows, g.PatchSize, (start, end) =>
        {
            for (var r = start; r < end; r++)
                GatherRow(geometry, (float*)px, firstRow + r, group, (float*)pc + (long)r * geometry.PatchSize);
        });
    }

    private static void GatherRow(in WindowGeometry g, float* x, int row, int group, float* dst)
    {
        var (item, od, oh, ow) = Position(g, row);
        int c = g.GroupInChannels, stride = g.InChannels, run = g.KernelWidth * c;
        var input = x + (long)item * g.InputItemSize + group * c;
        var iw0 = ow * g.StrideW - g.PadLeft;
        // The kernel row's taps are adjacent pixels when undilated, in range and ungrouped: one copy.
        var contiguous = g.DilationW == 1 && iw0 >= 0 && iw0 + g.KernelWidth <= g.InWidth && c == stride;
        for (var kd = 0; kd < g.KernelDepth; kd++)
        {
            var id = od * g.StrideD - g.PadFront + kd * g.DilationD;
            for (var kh = 0; kh < g.KernelHeight; kh++)
            {
                var ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                var tapRow = dst + (kd * g.KernelHeight + kh) * run;
                if ((uint)id >= (uint)g.InDepth || (uint)ih >= (uint)g.InHeight)
                {
                    new Span<float>(tapRow, run).Clear();
                    continue;
                }
                var inRow = input + ((long)id * g.InHeight + ih) * g.InWidth * stride;
                if (contiguous)
                {
                    new ReadOnlySpan<float>(inRow + (long)iw0 * stride, run).CopyTo(new Span<float>(tapRow, run));
                    continue;
                }
                for (var kw = 0; kw < g.KernelWidth; kw++)
                {
                    var iw = iw0 + kw * g.DilationW;
                    var tap = tapRow + kw * c;
                    if ((uint)iw >= (uint)g.InWidth) new Span<float>(tap, c).Clear();
                    else if (c == 1) *tap = inRow[(long)iw * stride];
                    else new ReadOnlySpan<float>(inRow + (long)iw * stride, c).CopyTo(new Span<float>(tap, c));
                }
            }
        }
    }

    /// <summary>
    /// dx += col2im(cols) of group <paramref name="group"/> for batch items [firstItem, firstItem + items), cols holding all
    /// their output pixels. Work is split by batch item, so no two threads add into the same element.
    /// </summary>
    public static void ScatterAdd(in WindowGeometry g, float* cols, int firstItem, int items, int group, float* dx)
    {
        var geometry = g;
        var (pc, pd) = ((nint)cols, (nint)dx);
        CpuParallel.For(items, g.OutPixels * g.PatchSize, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var itemCols = (float*)pc + (long)i * geometry.OutPixels * geometry.PatchSize;
                ScatterItem(geometry, itemCols, (float*)pd + (long)(firstItem + i) * geometry.InputItemSize + group * geometry.GroupInChannels);
            }
        });
    }

    private static void ScatterItem(in WindowGeometry g, float* cols, float* dx)
    {
        int c = g.GroupInChannels, stride = g.InChannels, run = g.KernelWidth * c;
        for (var p = 0; p < g.OutPixels; p++)
        {
            var (_, od, oh, ow) = Position(g, p);
            var src = cols + (long)p * g.PatchSize;
            var iw0 = ow * g.StrideW - g.PadLeft;
            var contiguous = g.DilationW == 1 && iw0 >= 0 && iw0 + g.KernelWidth <= g.InWidth && c == stride;
            for (var kd = 0; kd < g.KernelDepth; kd++)
            {
                var id = od * g.StrideD - g.PadFront + kd * g.DilationD;
                if ((uint)id >= (uint)g.InDepth) continue;
                for (var kh = 0; kh < g.KernelHeight; kh++)
                {
                    var ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                    if ((uint)ih >= (uint)g.InHeight) continue;
                    var inRow = dx + ((long)id * g.InHeight + ih) * g.InWidth * stride;
                    var tapRow = src + (kd * g.KernelHeight + kh) * run;
                    if (contiguous)
                    {
                        // Adjacent taps: one vector add over KernelWidth * channels floats.
                        var target = new Span<float>(inRow + (long)iw0 * stride, run);
                        TensorPrimitives.Add(target, new ReadOnlySpan<float>(tapRow, run), target);
                        continue;
                    }
                    for (var kw = 0; kw < g.KernelWidth; kw++)
                    {
                        var iw = iw0 + kw * g.DilationW;
                        if ((uint)iw >= (uint)g.InWidth) continue;
                        var tap = tapRow + kw * c;
                        if (c == 1) inRow[(long)iw * stride] += *tap;
                        else
                        {
                            var target = new Span<float>(inRow + (long)iw * stride, c);
                            TensorPrimitives.Add(target, new ReadOnlySpan<float>(tap, c), target);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Batch item and output (depth, row, column) of output pixel <paramref name="row"/> counted over the batch.</summary>
    internal static (int Item, int Depth, int Row, int Column) Position(in WindowGeometry g, int row)
    {
        var item = row / g.OutPixels;
        var p = row - item * g.OutPixels;
        var plane = g.OutHeight * g.OutWidth;
        var od = p / plane;
        p -= od * plane;
        var oh = p / g.OutWidth;
        return (item, od, oh, p - oh * g.OutWidth);
    }
}
