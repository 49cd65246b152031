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
        Vector512.IsHardwareAccelerated && g.Groups == 1 && g.OutChannels % Lanes == 0 && !g.IsPointwise;

    /// <summary>y = conv(x, kernel), overwritten; the geometry must be <see cref="Supports">supported</see>.</summary>
    public static void Forward(in WindowGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, Span<float> y)
    {
        var padded = PaddedGeometry(g);
        float[]? scratch = null;
        try
        {
            if (padded != g)
            {
                scratch = ArrayPool<float>.Shared.Rent(g.Batch * padded.InputItemSize);
                Pad(g, padded, x, scratch);
                x = scratch.AsSpan(0, g.Batch * padded.InputItemSize);
            }
            fixed (float* px = x, pk = kernel, py = y)
            {
                Run(padded, px, pk, py);
            }
        }
        finally
        {
            if (scratch is not null) ArrayPool<float>.Shared.Return(scratch);
        }
    }

    private static void Run(WindowGeometry g, float* x, float* kernel, float* y)
    {
        var pixels = g.Batch * g.OutPixels;
        var tiles = (pixels + TileRows - 1) / TileRows;
        var (sx, sk, sy) = ((nint)x, (nint)kernel, (nint)y);
        CpuParallel.For(tiles, TileRows * g.PatchSize * g.OutChannels, (start, end) =>
        {
            var taps = stackalloc int[g.KernelTaps];
            TapOffsets(g, taps);
            var origins = stackalloc float*[TileRows];
            for (var tile = start; tile < end; tile++)
            {
                var first = tile * TileRows;
                var count = Math.Min(TileRows, pixels - first);
                // Pixels past the end repeat the last one: the tile computes them but never stores them.
                for (var j = 0; j < TileRows; j++) origins[j] = (float*)sx + Origin(g, first + Math.Min(j, count - 1));
                var output = (float*)sy + (long)first * g.OutChannels;
                var block = 0;
                for (; block + 4 * Lanes <= g.OutChannels; block += 4 * Lanes)
                    Tile<Four>(origins, taps, g.KernelTaps, g.GroupInChannels, (float*)sk + block, g.OutChannels, output + block, count);
                if (block + 2 * Lanes <= g.OutChannels)
                {
                    Tile<Two>(origins, taps, g.KernelTaps, g.GroupInChannels, (float*)sk + block, g.OutChannels, output + block, count);
                    block += 2 * Lanes;
                }
                if (block < g.OutChannels)
                    Tile<One>(origins, taps, g.KernelTaps, g.GroupInChannels, (float*)sk + block, g.OutChannels, output + block, count);
            }
        });
    }

    /// <summary>
    /// One tile: y[j, 0..W) = Σ over taps t and channels c of x[origin_j + taps[t] + c] · kernel[(t · channels + c), 0..W) for
    /// the first <paramref name="count"/> pixels j, W = 16 · <typeparamref name="TWidth"/>.Vectors. The JIT specializes the body
    /// per width and drops the unused accumulators.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TWidth>(float** origins, int* taps, int tapCount, int channels, float* kernel, int ldk, float* y, int count)
        where TWidth : struct, IWidth
    {
        var v = TWidth.Vectors;
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        Vector512<float> a40 = default, a41 = default, a42 = default, a43 = default;
        Vector512<float> a50 = default, a51 = default, a52 = default, a53 = default;
        float* o0 = origins[0], o1 = origins[1], o2 = origins[2], o3 = origins[3], o4 = origins[4], o5 = origins[5];
        var row = kernel;
        for (var t = 0; t < tapCount; t++)
        {
            var tap = taps[t];
            float* q0 = o0 + tap, q1 = o1 + tap, q2 = o2 + tap, q3 = o3 + tap, q4 = o4 + tap, q5 = o5 + tap;
            for (var c = 0; c < channels; c++, row += ldk)
            {
                var b0 = Vector512.Load(row);
                var b1 = v > 1 ? Vector512.Load(row + Lanes) : default;
                var b2 = v > 2 ? Vector512.Load(row + 2 * Lanes) : default;
                var b3 = v > 2 ? Vector512.Load(row + 3 * Lanes) : default;
                var x = Vector512.Create(q0[c]);
                a00 = Vector512.FusedMultiplyAdd(x, b0, a00);
                if (v > 1) a01 = Vector512.FusedMultiplyAdd(x, b1, a01);
                if (v > 2) { a02 = Vector512.FusedMultiplyAdd(x, b2, a02); a03 = Vector512.FusedMultiplyAdd(x, b3, a03); }
                x = Vector512.Create(q1[c]);
                a10 = Vector512.FusedMultiplyAdd(x, b0, a10);
                if (v > 1) a11 = Vector512.FusedMultiplyAdd(x, b1, a11);
                if (v > 2) { a12 = Vector512.FusedMultiplyAdd(x, b2, a12); a13 = Vector512.FusedMultiplyAdd(x, b3, a13); }
                x = Vector512.Create(q2[c]);
                a20 = Vector512.FusedMultiplyAdd(x, b0, a20);
                if (v > 1) a21 = Vector512.FusedMultiplyAdd(x, b1, a21);
                if (v > 2) { a22 = Vector512.FusedMultiplyAdd(x, b2, a22); a23 = Vector512.FusedMultiplyAdd(x, b3, a23); }
                x = Vector512.Create(q3[c]);
                a30 = Vector512.FusedMultiplyAdd(x, b0, a30);
                if (v > 1) a31 = Vector512.FusedMultiplyAdd(x, b1, a31);
                if (v > 2) { a32 = Vector512.FusedMultiplyAdd(x, b2, a32); a33 = Vector512.FusedMultiplyAdd(x, b3, a33); }
                x = Vector512.Create(q4[c]);
                a40 = Vector512.FusedMultiplyAdd(x, b0, a40);
                if (v > 1) a41 = Vector512.FusedMultiplyAdd(x, b1, a41);
                if (v > 2) { a42 = Vector512.FusedMultiplyAdd(x, b2, a42); a43 = Vector512.FusedMultiplyAdd(x, b3, a43); }
                x = Vector512.Create(q5[c]);
                a50 = Vector512.FusedMultiplyAdd(x, b0, a50);
                if (v > 1) a51 = Vector512.FusedMultiplyAdd(x, b1, a51);
                if (v > 2) { a52 = Vector512.FusedMultiplyAdd(x, b2, a52); a53 = Vector512.FusedMultiplyAdd(x, b3, a53); }
            }
        }
        Store<TWidth>(y, a00, a01, a02, a03);
        if (count > 1) Store<TWidth>(y + ldk, a10, a11, a12, a13);
        if (count > 2) Store<TWidth>(y + 2 * ldk, a20, a21, a22, a23);
        if (count > 3) Store<TWidth>(y + 3 * ldk, a30, a31, a32, a33);
        if (count > 4) Store<TWidth>(y + 4 * ldk, a40, a41, a42, a43);
        if (count > 5) Store<TWidth>(y + 5 * ldk, a50, a51, a52, a53);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TWidth>(float* y, Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3)
        where TWidth : struct, IWidth
    {
        a0.Store(y);
        if (TWidth.Vectors > 1) a1.Store(y + Lanes);
        if (TWidth.Vectors > 2)
        {
            a2.Store(y + 2 * Lanes);
            a3.Store(y + 3 * Lanes);
        }
    }

    /// <summary>Offset of each window tap (kd, kh, kw) from the window's origin, in floats of the (padded) input.</summary>
    private static void TapOffsets(in WindowGeometry g, int* taps)
    {
        var t = 0;
        for (var kd = 0; kd < g.KernelDepth; kd++)
        {
            for (var kh = 0; kh < g.KernelHeight; kh++)
            {
                for (var kw = 0; kw < g.KernelWidth; kw++)
                    taps[t++] = ((kd * g.DilationD * g.InHeight + kh * g.DilationH) * g.InWidth + kw * g.DilationW) * g.InChannels;
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
    private static void Pad(in WindowGeometry g, in WindowGeometry padded, ReadOnlySpan<float> x, float[] scratch)
    {
        var target = scratch.AsSpan(0, g.Batch * padded.InputItemSize);
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
