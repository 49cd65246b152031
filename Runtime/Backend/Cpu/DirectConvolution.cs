using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Channels_last convolution forward as an implicit GEMM: each register tile of <see cref="TileRows"/> output pixels by 16, 32
/// or 64 filters accumulates, over the taps and input channels of the window, a broadcast input value times a row of the
/// kernel (Keras's (kd, kh, kw, in, filters) layout is already the GEMM's right-hand matrix), so there is neither an im2col
/// matrix nor packing. This wins over im2col + SGEMM for the few-channel, few-filter layers of small convnets, where the
/// column matrix costs more to build than the product (a 1-channel 3x3 layer has K = 9) and SGEMM's blocking is tuned for
/// wide matrices. Padding is applied by copying the input into a zero-bordered scratch, so the tile loop never tests bounds.
/// Needs AVX-512 (one filter vector is 16 floats), one group and a filter count divisible by 16; see <see cref="Supports"/>.
/// </summary>
internal static unsafe class DirectConvolution
{
    /// <summary>Output pixels per register tile: 6 pixels x 4 vectors = 24 accumulators, plus 4 kernel vectors and a broadcast, fit the 32 registers.</summary>
    private const int TileRows = 6;

    private const int Lanes = 16;

    /// <summary>Whether this kernel handles the geometry (otherwise the caller uses im2col + SGEMM).</summary>
    public static bool Supports(in WindowGeometry g) =>
        Vector512.IsHardwareAccelerated && g.Groups == 1 && g.OutChannels % Lanes == 0 && !g.IsPointwise && g.PatchSize <= MaxPatch;

    // The patch offsets live on the stack (at most 32 KB); wider patches are GEMM-sized anyway.
    private const int MaxPatch = 8192;

    /// <summary>y = conv(x, kernel), overwritten; the geometry must be <see cref="Supports">supported</see>.</summary>
    public static void Forward(in WindowGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, Span<float> y) =>
        Forward(g, x, kernel, y, default, relu: false);

    /// <summary>y = relu?(conv(x, kernel) + bias): the bias starts the accumulators and relu clamps them as they are stored.</summary>
    public static void Forward(in WindowGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, Span<float> y, ReadOnlySpan<float> bias, bool relu)
    {
        var padded = PaddedGeometry(g);
        float[]? scratch = null;
        try
        {
            if (padded != g)
            {
                scratch = ArrayPool<float>.Shared.Rent(g.Batch * padded.InputItemSize);
                var copy = scratch.AsSpan(0, g.Batch * padded.InputItemSize);
                Pad(g, padded, x, copy);
                x = copy;
            }
            fixed (float* px = x, pk = kernel, py = y, pb = bias)
            {
                Run(padded, px, pk, py, bias.IsEmpty ? null : pb, relu);
            }
        }
        finally
        {
            if (scratch is not null) ArrayPool<float>.Shared.Return(scratch);
        }
    }

    private static void Run(WindowGeometry g, float* x, float* kernel, float* y, float* bias, bool relu)
    {
        var pixels = g.Batch * g.OutPixels;
        var tiles = (pixels + TileRows - 1) / TileRows;
        var (sx, sk, sy, sb) = ((nint)x, (nint)kernel, (nint)y, (nint)bias);
        CpuParallel.For(tiles, TileRows * g.PatchSize * g.OutChannels, (start, end) =>
        {
            var rows = stackalloc int[g.PatchSize];
            RowOffsets(g, rows);
            var bases = stackalloc float*[TileRows];
            for (var tile = start; tile < end; tile++)
            {
                var first = tile * TileRows;
                var count = Math.Min(TileRows, pixels - first);
                // Pixels past the end repeat the last one: the tile computes them but never stores them.
                for (var j = 0; j < TileRows; j++) bases[j] = (float*)sx + Origin(g, first + Math.Min(j, count - 1));
                Tiles(bases, rows, g.PatchSize, (float*)sk, g.OutChannels, (float*)sy + (long)first * g.OutChannels, count, (float*)sb, accumulate: false, relu);
            }
        });
    }

    /// <summary>
    /// The kernel gradient dKernel = Σ over output pixels p of patch(p)ᵀ · dy[p] (overwritten), by the same tiles with the roles
    /// swapped: a tile is 6 patch rows by a block of filters, and the steps run over pixels. Each thread sums its share of the
    /// pixels into its own copy, in L2-sized chunks, and the copies are added at the end.
    /// </summary>
    public static void KernelGradient(in WindowGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dKernel)
    {
        var padded = PaddedGeometry(g);
        var pixels = g.Batch * g.OutPixels;
        var size = g.PatchSize * g.OutChannels;
        var parts = Math.Clamp(Math.Min(CpuParallel.Threads, pixels / PixelChunk), 1, 64);
        var scratch = ArrayPool<float>.Shared.Rent((padded != g ? g.Batch * padded.InputItemSize : 0) + (parts - 1) * size);
        try
        {
            var partials = scratch.AsSpan(0, (parts - 1) * size);
            if (padded != g)
            {
                var copy = scratch.AsSpan(partials.Length, g.Batch * padded.InputItemSize);
                Pad(g, padded, x, copy);
                x = copy;
            }
            dKernel.Clear();
            partials.Clear();
            fixed (float* px = x, pdy = dy, pdk = dKernel, pp = partials)
            {
                var (sx, sdy, sdk, sp) = ((nint)px, (nint)pdy, (nint)pdk, (nint)pp);
                var share = (pixels + parts - 1) / parts;
                CpuParallel.For(parts, share * size, (start, end) =>
                {
                    for (var part = start; part < end; part++)
                    {
                        var target = part == 0 ? (float*)sdk : (float*)sp + (long)(part - 1) * size;
                        var first = part * share;
                        KernelGradientPart(padded, (float*)sx, (float*)sdy, target, first, Math.Min(pixels, first + share));
                    }
                });
            }
            for (var part = 1; part < parts; part++)
                System.Numerics.Tensors.TensorPrimitives.Add(dKernel, partials.Slice((part - 1) * size, size), dKernel);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    // Pixels per step block of the kernel gradient: their dy rows (up to 64 filters: 64 KB) stay in L2 across the row tiles.
    private const int PixelChunk = 256;

    private static void KernelGradientPart(in WindowGeometry g, float* x, float* dy, float* dKernel, int firstPixel, int endPixel)
    {
        var rows = stackalloc int[g.PatchSize];
        RowOffsets(g, rows);
        var origins = stackalloc int[PixelChunk];
        var bases = stackalloc float*[TileRows];
        for (var p0 = firstPixel; p0 < endPixel; p0 += PixelChunk)
        {
            var steps = Math.Min(PixelChunk, endPixel - p0);
            for (var p = 0; p < steps; p++) origins[p] = (int)Origin(g, p0 + p);
            for (var r = 0; r < g.PatchSize; r += TileRows)
            {
                var count = Math.Min(TileRows, g.PatchSize - r);
                for (var j = 0; j < TileRows; j++) bases[j] = x + rows[r + Math.Min(j, count - 1)];
                Tiles(bases, origins, steps, dy + (long)p0 * g.OutChannels, g.OutChannels, dKernel + (long)r * g.OutChannels, count, bias: null, accumulate: true, relu: false);
            }
        }
    }

    /// <summary>
    /// The input gradient dx (overwritten) of a stride-1 convolution, as a direct convolution of dy, zero-bordered by the
    /// dilated window less the forward padding, with the kernel flipped and its channel axes swapped. Needs one group and an
    /// input channel count divisible by 16; see <see cref="SupportsInputGradient"/>.
    /// </summary>
    public static void InputGradient(in WindowGeometry g, ReadOnlySpan<float> kernel, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var transposed = new WindowGeometry(g.Batch, g.OutDepth, g.OutHeight, g.OutWidth, g.OutChannels,
            g.KernelDepth, g.KernelHeight, g.KernelWidth, g.InChannels, 1, 1, 1, g.DilationD, g.DilationH, g.DilationW,
            (g.KernelDepth - 1) * g.DilationD - g.PadFront, (g.KernelHeight - 1) * g.DilationH - g.PadTop,
            (g.KernelWidth - 1) * g.DilationW - g.PadLeft, g.InDepth, g.InHeight, g.InWidth);
        var flipped = ArrayPool<float>.Shared.Rent(kernel.Length);
        try
        {
            int taps = g.KernelTaps, cin = g.InChannels, cout = g.OutChannels;
            for (var t = 0; t < taps; t++)
            {
                var source = kernel.Slice((taps - 1 - t) * cin * cout, cin * cout);
                for (var c = 0; c < cin; c++)
                {
                    for (var o = 0; o < cout; o++) flipped[(t * cout + o) * cin + c] = source[c * cout + o];
                }
            }
            Forward(transposed, dy, flipped.AsSpan(0, kernel.Length), dx);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(flipped);
        }
    }

    /// <summary>Whether <see cref="InputGradient"/> handles the geometry.</summary>
    public static bool SupportsInputGradient(in WindowGeometry g) =>
        Vector512.IsHardwareAccelerated && g.Groups == 1 && g.InChannels % Lanes == 0 && !g.IsPointwise && g.PatchSize <= MaxPatch &&
        g.StrideD == 1 && g.StrideH == 1 && g.StrideW == 1 &&
        g.PadFront <= (g.KernelDepth - 1) * g.DilationD && g.PadTop <= (g.KernelHeight - 1) * g.DilationH &&
        g.PadLeft <= (g.KernelWidth - 1) * g.DilationW;

    /// <summary>
    /// Runs the tiles of every filter block: the widest (64 filters) first, then 32 and 16 for the rest. The accumulators start
    /// from y when <paramref name="accumulate"/> (the kernel gradient's chunks), else from the bias row, or zero when it is null.
    /// </summary>
    private static void Tiles(float** bases, int* index, int steps, float* rows, int ld, float* y, int count, float* bias, bool accumulate, bool relu)
    {
        var block = 0;
        for (; block + 4 * Lanes <= ld; block += 4 * Lanes)
            Tile<Four>(bases, index, steps, rows + block, ld, y + block, count, bias == null ? null : bias + block, accumulate, relu);
        if (block + 2 * Lanes <= ld)
        {
            Tile<Two>(bases, index, steps, rows + block, ld, y + block, count, bias == null ? null : bias + block, accumulate, relu);
            block += 2 * Lanes;
        }
        if (block < ld) Tile<One>(bases, index, steps, rows + block, ld, y + block, count, bias == null ? null : bias + block, accumulate, relu);
    }

    /// <summary>
    /// One register tile: for j below <paramref name="count"/>, y[j] (+)= Σ over steps s of bases[j][index[s]] · rows[s], where
    /// y[j] and rows[s] are W floats, W = 16 · <typeparamref name="TWidth"/>.Vectors, with row stride <paramref name="ld"/>.
    /// The forward reads the input at the patch offsets with kernel rows; the kernel gradient reads it at the pixel origins
    /// with dy rows. The JIT specializes the body per width and drops the unused accumulators.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TWidth>(float** bases, int* index, int steps, float* rows, int ld, float* y, int count, float* bias, bool accumulate, bool relu)
        where TWidth : struct, IWidth
    {
        var v = TWidth.Vectors;
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        Vector512<float> a40 = default, a41 = default, a42 = default, a43 = default;
        Vector512<float> a50 = default, a51 = default, a52 = default, a53 = default;
        if (bias != null)
        {
            Load<TWidth>(bias, out a00, out a01, out a02, out a03);
            (a10, a11, a12, a13) = (a00, a01, a02, a03);
            (a20, a21, a22, a23) = (a00, a01, a02, a03);
            (a30, a31, a32, a33) = (a00, a01, a02, a03);
            (a40, a41, a42, a43) = (a00, a01, a02, a03);
            (a50, a51, a52, a53) = (a00, a01, a02, a03);
        }
        else if (accumulate)
        {
            // Rows past count are computed but never stored, so their starting values do not matter.
            Load<TWidth>(y, out a00, out a01, out a02, out a03);
            if (count > 1) Load<TWidth>(y + ld, out a10, out a11, out a12, out a13);
            if (count > 2) Load<TWidth>(y + 2 * ld, out a20, out a21, out a22, out a23);
            if (count > 3) Load<TWidth>(y + 3 * ld, out a30, out a31, out a32, out a33);
            if (count > 4) Load<TWidth>(y + 4 * ld, out a40, out a41, out a42, out a43);
            if (count > 5) Load<TWidth>(y + 5 * ld, out a50, out a51, out a52, out a53);
        }
        float* q0 = bases[0], q1 = bases[1], q2 = bases[2], q3 = bases[3], q4 = bases[4], q5 = bases[5];
        var row = rows;
        for (var s = 0; s < steps; s++, row += ld)
        {
            var i = index[s];
            var b0 = Vector512.Load(row);
            var b1 = v > 1 ? Vector512.Load(row + Lanes) : default;
            var b2 = v > 2 ? Vector512.Load(row + 2 * Lanes) : default;
            var b3 = v > 2 ? Vector512.Load(row + 3 * Lanes) : default;
            var x = Vector512.Create(q0[i]);
            a00 = Vector512.FusedMultiplyAdd(x, b0, a00);
            if (v > 1) a01 = Vector512.FusedMultiplyAdd(x, b1, a01);
            if (v > 2) { a02 = Vector512.FusedMultiplyAdd(x, b2, a02); a03 = Vector512.FusedMultiplyAdd(x, b3, a03); }
            x = Vector512.Create(q1[i]);
            a10 = Vector512.FusedMultiplyAdd(x, b0, a10);
            if (v > 1) a11 = Vector512.FusedMultiplyAdd(x, b1, a11);
            if (v > 2) { a12 = Vector512.FusedMultiplyAdd(x, b2, a12); a13 = Vector512.FusedMultiplyAdd(x, b3, a13); }
            x = Vector512.Create(q2[i]);
            a20 = Vector512.FusedMultiplyAdd(x, b0, a20);
            if (v > 1) a21 = Vector512.FusedMultiplyAdd(x, b1, a21);
            if (v > 2) { a22 = Vector512.FusedMultiplyAdd(x, b2, a22); a23 = Vector512.FusedMultiplyAdd(x, b3, a23); }
            x = Vector512.Create(q3[i]);
            a30 = Vector512.FusedMultiplyAdd(x, b0, a30);
            if (v > 1) a31 = Vector512.FusedMultiplyAdd(x, b1, a31);
            if (v > 2) { a32 = Vector512.FusedMultiplyAdd(x, b2, a32); a33 = Vector512.FusedMultiplyAdd(x, b3, a33); }
            x = Vector512.Create(q4[i]);
            a40 = Vector512.FusedMultiplyAdd(x, b0, a40);
            if (v > 1) a41 = Vector512.FusedMultiplyAdd(x, b1, a41);
            if (v > 2) { a42 = Vector512.FusedMultiplyAdd(x, b2, a42); a43 = Vector512.FusedMultiplyAdd(x, b3, a43); }
            x = Vector512.Create(q5[i]);
            a50 = Vector512.FusedMultiplyAdd(x, b0, a50);
            if (v > 1) a51 = Vector512.FusedMultiplyAdd(x, b1, a51);
            if (v > 2) { a52 = Vector512.FusedMultiplyAdd(x, b2, a52); a53 = Vector512.FusedMultiplyAdd(x, b3, a53); }
        }
        Store<TWidth>(y, relu, a00, a01, a02, a03);
        if (count > 1) Store<TWidth>(y + ld, relu, a10, a11, a12, a13);
        if (count > 2) Store<TWidth>(y + 2 * ld, relu, a20, a21, a22, a23);
        if (count > 3) Store<TWidth>(y + 3 * ld, relu, a30, a31, a32, a33);
        if (count > 4) Store<TWidth>(y + 4 * ld, relu, a40, a41, a42, a43);
        if (count > 5) Store<TWidth>(y + 5 * ld, relu, a50, a51, a52, a53);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Load<TWidth>(float* y, out Vector512<float> a0, out Vector512<float> a1, out Vector512<float> a2, out Vector512<float> a3)
        where TWidth : struct, IWidth
    {
        a0 = Vector512.Load(y);
        a1 = TWidth.Vectors > 1 ? Vector512.Load(y + Lanes) : default;
        a2 = TWidth.Vectors > 2 ? Vector512.Load(y + 2 * Lanes) : default;
        a3 = TWidth.Vectors > 2 ? Vector512.Load(y + 3 * Lanes) : default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TWidth>(float* y, bool relu, Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3)
        where TWidth : struct, IWidth
    {
        if (relu)
        {
            (a0, a1) = (Vector512.Max(a0, Vector512<float>.Zero), Vector512.Max(a1, Vector512<float>.Zero));
            (a2, a3) = (Vector512.Max(a2, Vector512<float>.Zero), Vector512.Max(a3, Vector512<float>.Zero));
        }
        a0.Store(y);
        if (TWidth.Vectors > 1) a1.Store(y + Lanes);
        if (TWidth.Vectors > 2)
        {
            a2.Store(y + 2 * Lanes);
            a3.Store(y + 3 * Lanes);
        }
    }

    /// <summary>Offset of each patch row (kd, kh, kw, channel), in Keras's kernel-row order, from the window's origin in the input.</summary>
    private static void RowOffsets(in WindowGeometry g, int* rows)
    {
        var r = 0;
        for (var kd = 0; kd < g.KernelDepth; kd++)
        {
            for (var kh = 0; kh < g.KernelHeight; kh++)
            {
                for (var kw = 0; kw < g.KernelWidth; kw++)
                {
                    var tap = ((kd * g.DilationD * g.InHeight + kh * g.DilationH) * g.InWidth + kw * g.DilationW) * g.InChannels;
                    for (var c = 0; c < g.InChannels; c++) rows[r++] = tap + c;
                }
            }
        }
    }

    /// <summary>Offset of output pixel <paramref name="pixel"/>'s window origin (counted over the batch) in the input of geometry g.</summary>
    private static long Origin(in WindowGeometry g, int pixel)
    {
        var (item, od, oh, ow) = Im2Col.Position(g, pixel);
        return (long)item * g.InputItemSize + (((long)od * g.StrideD * g.InHeight + oh * g.StrideH) * g.InWidth + ow * g.StrideW) * g.InChannels;
    }

    /// <summary>The geometry over the zero-bordered copy of the input that makes every window tap land inside it (itself when unpadded).</summary>
    private static WindowGeometry PaddedGeometry(in WindowGeometry g)
    {
        if (g.PadFront == 0 && g.PadTop == 0 && g.PadLeft == 0 && Fits(g.OutDepth, g.StrideD, g.KernelDepth, g.DilationD, g.InDepth) &&
            Fits(g.OutHeight, g.StrideH, g.KernelHeight, g.DilationH, g.InHeight) && Fits(g.OutWidth, g.StrideW, g.KernelWidth, g.DilationW, g.InWidth))
            return g;
        return g with
        {
            InDepth = Extent(g.OutDepth, g.StrideD, g.KernelDepth, g.DilationD, g.PadFront + g.InDepth),
            InHeight = Extent(g.OutHeight, g.StrideH, g.KernelHeight, g.DilationH, g.PadTop + g.InHeight),
            InWidth = Extent(g.OutWidth, g.StrideW, g.KernelWidth, g.DilationW, g.PadLeft + g.InWidth),
            PadFront = 0,
            PadTop = 0,
            PadLeft = 0,
        };

        static int Reach(int output, int stride, int window, int dilation) => (output - 1) * stride + (window - 1) * dilation + 1;
        static bool Fits(int output, int stride, int window, int dilation, int input) => Reach(output, stride, window, dilation) <= input;
        static int Extent(int output, int stride, int window, int dilation, int input) => Math.Max(Reach(output, stride, window, dilation), input);
    }

    /// <summary>Copies x (geometry g) into the zeroed scratch laid out as <paramref name="padded"/>, offset by g's padding.</summary>
    private static void Pad(in WindowGeometry g, in WindowGeometry padded, ReadOnlySpan<float> x, Span<float> target)
    {
        target.Clear();
        int run = g.InWidth * g.InChannels, paddedRow = padded.InWidth * g.InChannels;
        for (var n = 0; n < g.Batch; n++)
        {
            for (var d = 0; d < g.InDepth; d++)
            {
                for (var h = 0; h < g.InHeight; h++)
                {
                    var source = ((long)n * g.InDepth + d) * g.InHeight * run + (long)h * run;
                    var destination = (long)n * padded.InputItemSize + ((long)(d + g.PadFront) * padded.InHeight + h + g.PadTop) * paddedRow +
                        (long)g.PadLeft * g.InChannels;
                    x.Slice((int)source, run).CopyTo(target.Slice((int)destination, run));
                }
            }
        }
    }

    /// <summary>How many 16-float vectors of filters a tile covers (1, 2 or 4), as a type so the JIT specializes the tile.</summary>
    private interface IWidth
    {
        static abstract int Vectors { get; }
    }

    private readonly struct One : IWidth
    {
        public static int Vectors => 1;
    }

    private readonly struct Two : IWidth
    {
        public static int Vectors => 2;
    }

    private readonly struct Four : IWidth
    {
        public static int Vectors => 4;
    }
}
