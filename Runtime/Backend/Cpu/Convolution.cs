using System.Buffers;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Channels_last convolution over 1, 2 or 3 spatial axes by im2col + <see cref="Sgemm"/>: per group, y (pixels x
/// GroupOutChannels) = cols (pixels x PatchSize) · kernel rows of the group, the kernel viewed as a (PatchSize x OutChannels)
/// matrix whose column block g belongs to group g (Keras's layout (kd, kh, kw, in/groups, filters)). The batch is processed in
/// chunks of whole items so the column matrix stays within <see cref="ColumnBudget"/> floats; the scratch comes from the
/// shared array pool, so steady-state calls allocate nothing.
/// </summary>
internal static unsafe class Convolution
{
    /// <summary>
    /// Floats of im2col scratch per chunk (16 MB): large enough that each GEMM has thousands of rows, small enough not to
    /// hold a whole large batch's patches at once. Settable so tests can force chunking.
    /// </summary>
    internal static int ColumnBudget { get; set; } = 1 << 22;

    /// <summary>y = conv(x, kernel); y is overwritten. Takes <see cref="DirectConvolution"/> where it applies, else im2col.</summary>
    public static void Forward(in WindowGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, Span<float> y)
    {
        Check(g, x.Length, kernel.Length, y.Length);
        if (y.Length == 0) return;
        if (g.PatchSize == 0)
        {
            y.Clear();
            return;
        }
        if (DirectConvolution.Supports(g)) DirectConvolution.Forward(g, x, kernel, y);
        else ForwardIm2Col(g, x, kernel, y);
    }

    /// <summary>
    /// y = relu?(conv(x, kernel) + bias) (bias may be empty): the direct kernel applies both as it stores each tile; otherwise
    /// one pass over the output follows the convolution.
    /// </summary>
    public static void Forward(in WindowGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, Span<float> y, ReadOnlySpan<float> bias, bool relu)
    {
        Check(g, x.Length, kernel.Length, y.Length);
        if (!bias.IsEmpty && bias.Length != g.OutChannels)
            throw new ArgumentException($"Convolution: the bias has {bias.Length} values, expected one per filter ({g.OutChannels}).");
        if (y.Length == 0) return;
        if (g.PatchSize > 0 && DirectConvolution.Supports(g))
        {
            DirectConvolution.Forward(g, x, kernel, y, bias, relu);
            return;
        }
        Forward(g, x, kernel, y);
        ConvolutionEpilogue.Forward(y, bias, relu, g.OutChannels);
    }

    /// <summary>The im2col + SGEMM forward (any geometry with a non-empty patch); public to the tests that compare paths.</summary>
    internal static void ForwardIm2Col(in WindowGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, Span<float> y)
    {
        int k = g.PatchSize, o = g.OutChannels, og = g.GroupOutChannels;
        if (g.IsPointwise)
        {
            Sgemm.Multiply(false, false, g.Batch * g.OutPixels, o, k, 1f, x, k, kernel, o, 0f, y, o);
            return;
        }
        var itemsPerChunk = ItemsPerChunk(g);
        var scratch = ArrayPool<float>.Shared.Rent(itemsPerChunk * g.OutPixels * k);
        try
        {
            fixed (float* px = x, pcols = scratch)
            {
                for (var n0 = 0; n0 < g.Batch; n0 += itemsPerChunk)
                {
                    var rows = Math.Min(itemsPerChunk, g.Batch - n0) * g.OutPixels;
                    var firstRow = n0 * g.OutPixels;
                    var cols = new ReadOnlySpan<float>(pcols, rows * k);
                    for (var group = 0; group < g.Groups; group++)
                    {
                        Im2Col.Gather(g, px, firstRow, rows, group, pcols);
                        Sgemm.Multiply(false, false, rows, og, k, 1f, cols, k, kernel[(group * og)..], o,
                            0f, y.Slice(firstRow * o + group * og, (rows - 1) * o + og), o);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// The gradients of a convolution given dy: dx (input gradient, overwritten) and dKernel (overwritten); either may be
    /// empty to skip it. Each takes <see cref="DirectConvolution"/> where it applies, else im2col.
    /// </summary>
    public static void Backward(in WindowGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> dy,
        Span<float> dx, Span<float> dKernel)
    {
        Check(g, x.Length, kernel.Length, dy.Length);
        if (dy.Length > 0 && g.PatchSize > 0)
        {
            if (!dKernel.IsEmpty && DirectConvolution.Supports(g))
            {
                DirectConvolution.KernelGradient(g, x, dy, dKernel);
                dKernel = default;
            }
            if (!dx.IsEmpty && DirectConvolution.SupportsInputGradient(g))
            {
                DirectConvolution.InputGradient(g, kernel, dy, dx);
                dx = default;
            }
        }
        BackwardIm2Col(g, x, kernel, dy, dx, dKernel);
    }

    /// <summary>
    /// The im2col + SGEMM backward (any geometry): one im2col pass per chunk and group serves the kernel gradient, one GEMM
    /// gives the column gradient. Public to the tests that compare paths.
    /// </summary>
    internal static void BackwardIm2Col(in WindowGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> dy,
        Span<float> dx, Span<float> dKernel)
    {
        bool wantDx = !dx.IsEmpty, wantDk = !dKernel.IsEmpty;
        int k = g.PatchSize, o = g.OutChannels, og = g.GroupOutChannels;
        if (wantDx) dx.Clear();
        if (wantDk) dKernel.Clear();
        if (dy.Length == 0 || k == 0 || (!wantDx && !wantDk)) return;
        if (g.IsPointwise)
        {
            var pixels = g.Batch * g.OutPixels;
            if (wantDx) Sgemm.Multiply(false, true, pixels, k, o, 1f, dy, o, kernel, o, 0f, dx, k);
            if (wantDk) Sgemm.Multiply(true, false, k, o, pixels, 1f, x, k, dy, o, 0f, dKernel, o);
            return;
        }
        var itemsPerChunk = ItemsPerChunk(g);
        var scratch = ArrayPool<float>.Shared.Rent(itemsPerChunk * g.OutPixels * k);
        try
        {
            fixed (float* px = x, pdx = dx, pcols = scratch)
            {
                for (var n0 = 0; n0 < g.Batch; n0 += itemsPerChunk)
                {
                    var items = Math.Min(itemsPerChunk, g.Batch - n0);
                    var rows = items * g.OutPixels;
                    var firstRow = n0 * g.OutPixels;
                    var cols = new Span<float>(pcols, rows * k);
                    for (var group = 0; group < g.Groups; group++)
                    {
                        var dyChunk = dy.Slice(firstRow * o + group * og, (rows - 1) * o + og);
                        if (wantDk)
                        {
                            Im2Col.Gather(g, px, firstRow, rows, group, pcols);
                            Sgemm.Multiply(true, false, k, og, rows, 1f, cols, k, dyChunk, o, 1f, dKernel[(group * og)..], o);
                        }
                        if (wantDx)
                        {
                            Sgemm.Multiply(false, true, rows, k, og, 1f, dyChunk, o, kernel[(group * og)..], o, 0f, cols, k);
                            Im2Col.ScatterAdd(g, pcols, n0, items, group, pdx);
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    private static int ItemsPerChunk(in WindowGeometry g) =>
        Math.Clamp(ColumnBudget / Math.Max(1, g.OutPixels * g.PatchSize), 1, Math.Max(1, g.Batch));

    private static void Check(in WindowGeometry g, int x, int kernel, int y)
    {
        if (g.Groups < 1 || g.InChannels % g.Groups != 0 || g.OutChannels % g.Groups != 0 ||
            x != g.Batch * g.InputItemSize || kernel != g.PatchSize * g.OutChannels || y != g.Batch * g.OutPixels * g.OutChannels)
            throw new ArgumentException(
                $"Convolution: span lengths x={x}, kernel={kernel}, y={y} do not match the geometry {g}.");
    }
}
