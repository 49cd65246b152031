using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Direct channels_last depthwise convolution over 1, 2 or 3 spatial axes: each input channel c is convolved with its own
/// DepthMultiplier filters, output channel c · multiplier + m (Keras's order). The geometry is that of the equivalent grouped
/// convolution (Groups = InChannels, OutChannels = InChannels · multiplier), so the kernel (*window, channels, multiplier) is
/// viewed as taps rows of OutChannels values. Every output, input-gradient and kernel-gradient element is a sum of products of
/// OutChannels-long vectors that are contiguous in memory (an input pixel, a kernel tap, a dy pixel), so each kernel lists the
/// vector pairs of one pixel (or row) and <see cref="SumOfProducts"/> runs them through SIMD registers. With a multiplier
/// above 1 the input rows are first widened to OutChannels (each channel repeated) so they line up with the kernel.
/// Work is split by output rows (forward, kernel gradient) or input rows (input gradient), so threads never share a target.
/// </summary>
internal static unsafe class DepthwiseConvolution
{
    /// <summary>y = depthwise conv(x, kernel); y is overwritten.</summary>
    public static void Forward(in WindowGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, Span<float> y)
    {
        Check(g, x.Length, kernel.Length, y.Length);
        if (y.Length == 0) return;
        var geometry = g;
        fixed (float* px = x, pk = kernel, py = y)
        {
            var (sx, sk, sy) = ((nint)px, (nint)pk, (nint)py);
            CpuParallel.For(OutRows(g), g.OutWidth * g.KernelTaps * g.OutChannels, (start, end) =>
            {
                using var rows = new InputRows(geometry);
                using var pairs = new Pairs(geometry.KernelTaps);
                for (var row = start; row < end; row++) ForwardRow(geometry, (float*)sx, (float*)sk, (float*)sy, row, rows, pairs);
            });
        }
    }

    private static void ForwardRow(in WindowGeometry g, float* x, float* k, float* y, int row, InputRows rows, Pairs pairs)
    {
        var (n, od, oh, _) = Im2Col.Position(g, row * g.OutWidth);
        rows.Load(g, x, n, od, oh);
        var cm = g.OutChannels;
        for (var ow = 0; ow < g.OutWidth; ow++)
        {
            var count = 0;
            for (var slot = 0; slot < rows.Count; slot++)
            {
                var source = rows[slot];
                if (source == null) continue;
                for (var kw = 0; kw < g.KernelWidth; kw++)
                {
                    var iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                    if ((uint)iw < (uint)g.InWidth) pairs.Add(ref count, source + (long)iw * cm, k + (long)(slot * g.KernelWidth + kw) * cm);
                }
            }
            pairs.SumInto(y + ((long)row * g.OutWidth + ow) * cm, cm, count, accumulate: false);
        }
    }

    /// <summary>
    /// The gradients given dy: dx (input gradient) and dKernel, both overwritten; either may be empty to skip it.
    /// </summary>
    public static void Backward(in WindowGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> dy,
        Span<float> dx, Span<float> dKernel)
    {
        Check(g, x.Length, kernel.Length, dy.Length);
        if (!dx.IsEmpty) InputGradient(g, kernel, dy, dx);
        if (!dKernel.IsEmpty) KernelGradient(g, x, dy, dKernel);
    }

    private static void InputGradient(in WindowGeometry g, ReadOnlySpan<float> kernel, ReadOnlySpan<float> dy, Span<float> dx)
    {
        dx.Clear();
        if (dy.Length == 0) return;
        var geometry = g;
        fixed (float* pk = kernel, pdy = dy, pdx = dx)
        {
            var (sk, sdy, sdx) = ((nint)pk, (nint)pdy, (nint)pdx);
            CpuParallel.For(g.Batch * g.InDepth * g.InHeight, g.InWidth * g.KernelTaps * g.OutChannels, (start, end) =>
            {
                using var pairs = new Pairs(geometry.KernelTaps);
                using var dyRows = new Pairs(geometry.KernelDepth * geometry.KernelHeight);
                // With a multiplier, one pixel's OutChannels-wide gradient before it folds onto the input channels.
                var wide = geometry.OutChannels == geometry.InChannels ? null : ArrayPool<float>.Shared.Rent(geometry.OutChannels);
                try
                {
                    for (var row = start; row < end; row++)
                        InputGradientRow(geometry, (float*)sk, (float*)sdy, (float*)sdx, row, pairs, dyRows, wide);
                }
                finally
                {
                    if (wide is not null) ArrayPool<float>.Shared.Return(wide);
                }
            });
        }
    }

    // dx of one input row (n, id, ih): the dy rows its (kd, kh) kernel rows feed are found once; then, for each pixel, the
    // taps whose window covers it, paired with the dy pixel they feed.
    private static void InputGradientRow(in WindowGeometry g, float* k, float* dy, float* dx, int row, Pairs pairs, Pairs dyRows, float[]? wide)
    {
        var n = row / (g.InDepth * g.InHeight);
        var id = row / g.InHeight % g.InDepth;
        var ih = row % g.InHeight;
        int cm = g.OutChannels, c = g.InChannels, multiplier = cm / c;
        var rows = 0;
        for (var kd = 0; kd < g.KernelDepth; kd++)
        {
            if (!Source(id + g.PadFront - kd * g.DilationD, g.StrideD, g.OutDepth, out var od)) continue;
            for (var kh = 0; kh < g.KernelHeight; kh++)
            {
                if (!Source(ih + g.PadTop - kh * g.DilationH, g.StrideH, g.OutHeight, out var oh)) continue;
                dyRows.Add(ref rows, dy + (((long)n * g.OutDepth + od) * g.OutHeight + oh) * g.OutWidth * cm,
                    k + (long)(kd * g.KernelHeight + kh) * g.KernelWidth * cm);
            }
        }
        for (var iw = 0; iw < g.InWidth; iw++)
        {
            var count = 0;
            for (var r = 0; r < rows; r++)
            {
                var (dyRow, kernelRow) = dyRows[r];
                for (var kw = 0; kw < g.KernelWidth; kw++)
                {
                    if (Source(iw + g.PadLeft - kw * g.DilationW, g.StrideW, g.OutWidth, out var ow))
                        pairs.Add(ref count, (float*)dyRow + (long)ow * cm, (float*)kernelRow + (long)kw * cm);
                }
            }
            var target = dx + ((long)row * g.InWidth + iw) * c;
            if (wide is null)
            {
                pairs.SumInto(target, cm, count, accumulate: false);
                continue;
            }
            fixed (float* w = wide)
            {
                pairs.SumInto(w, cm, count, accumulate: false);
                // Fold the multiplier's outputs back onto their input channel.
                for (var ch = 0; ch < c; ch++)
                {
                    var sum = 0f;
                    for (var m = 0; m < multiplier; m++) sum += w[ch * multiplier + m];
                    target[ch] = sum;
                }
            }
        }
    }

    // The output index o along one axis that input position (i + pad - tap offset) = o * stride maps to, when it exists.
    private static bool Source(int shifted, int stride, int outSize, out int o)
    {
        // Stride 1, the common case, needs no division.
        o = stride == 1 ? shifted : shifted / stride;
        return shifted >= 0 && shifted - o * stride == 0 && o < outSize;
    }

    // Kernel gradient: per chunk of output rows, partial sums over (tap, channel) added under a lock at the end.
    private static void KernelGradient(in WindowGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dKernel)
    {
        dKernel.Clear();
        if (dy.Length == 0) return;
        var geometry = g;
        var gate = new object();
        fixed (float* px = x, pdy = dy, pdk = dKernel)
        {
            var (sx, sdy, sdk) = ((nint)px, (nint)pdy, (nint)pdk);
            var size = dKernel.Length;
            CpuParallel.For(OutRows(g), g.OutWidth * g.KernelTaps * g.OutChannels, (start, end) =>
            {
                using var rows = new InputRows(geometry);
                using var pairs = new Pairs(geometry.OutWidth);
                var partial = ArrayPool<float>.Shared.Rent(size);
                try
                {
                    Array.Clear(partial, 0, size);
                    fixed (float* p = partial)
                    {
                        for (var row = start; row < end; row++) KernelGradientRow(geometry, (float*)sx, (float*)sdy, p, row, rows, pairs);
                    }
                    lock (gate)
                    {
                        var total = new Span<float>((float*)sdk, size);
                        TensorPrimitives.Add(total, partial.AsSpan(0, size), total);
                    }
                }
                finally
                {
                    ArrayPool<float>.Shared.Return(partial);
                }
            });
        }
    }

    // dKernel[tap] += sum over the row's output pixels of input pixel (under that tap) * dy pixel.
    private static void KernelGradientRow(in WindowGeometry g, float* x, float* dy, float* dk, int row, InputRows rows, Pairs pairs)
    {
        var (n, od, oh, _) = Im2Col.Position(g, row * g.OutWidth);
        rows.Load(g, x, n, od, oh);
        var cm = g.OutChannels;
        var dyRow = dy + (long)row * g.OutWidth * cm;
        for (var slot = 0; slot < rows.Count; slot++)
        {
            var source = rows[slot];
            if (source == null) continue;
            for (var kw = 0; kw < g.KernelWidth; kw++)
            {
                var count = 0;
                for (var ow = 0; ow < g.OutWidth; ow++)
                {
                    var iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                    if ((uint)iw < (uint)g.InWidth) pairs.Add(ref count, source + (long)iw * cm, dyRow + (long)ow * cm);
                }
                pairs.SumInto(dk + (long)(slot * g.KernelWidth + kw) * cm, cm, count, accumulate: true);
            }
        }
    }

    private static int OutRows(in WindowGeometry g) => g.Batch * g.OutDepth * g.OutHeight;

    private static void Check(in WindowGeometry g, int x, int kernel, int y)
    {
        if (g.InChannels <= 0 || g.Groups != g.InChannels || g.OutChannels % g.InChannels != 0 || x != g.Batch * g.InputItemSize ||
            kernel != g.KernelTaps * g.OutChannels || y != g.Batch * g.OutPixels * g.OutChannels)
            throw new ArgumentException($"DepthwiseConvolution: span lengths x={x}, kernel={kernel}, y={y} do not match the geometry {g}.");
    }

    /// <summary>
    /// The input rows under the (kd, kh) kernel rows of one output row, as pointers to OutChannels-wide pixels (null where the
    /// row is padding). With multiplier 1 they point into x; otherwise into a widened copy owned by this object.
    /// </summary>
    private readonly struct InputRows : IDisposable
    {
        private readonly nint[] _rows;
        private readonly float[]? _wide;
        private readonly GCHandle _pin;

        public InputRows(in WindowGeometry g)
        {
            _rows = ArrayPool<nint>.Shared.Rent(g.KernelDepth * g.KernelHeight);
            Count = g.KernelDepth * g.KernelHeight;
            if (g.OutChannels == g.InChannels) return;
            _wide = ArrayPool<float>.Shared.Rent(Count * g.InWidth * g.OutChannels);
            _pin = GCHandle.Alloc(_wide, GCHandleType.Pinned);
        }

        public int Count { get; }

        public float* this[int slot] => (float*)_rows[slot];

        public void Load(in WindowGeometry g, float* x, int n, int od, int oh)
        {
            int c = g.InChannels, cm = g.OutChannels, multiplier = cm / c;
            var rowLength = g.InWidth * c;
            for (var kd = 0; kd < g.KernelDepth; kd++)
            {
                var id = od * g.StrideD - g.PadFront + kd * g.DilationD;
                for (var kh = 0; kh < g.KernelHeight; kh++)
                {
                    var slot = kd * g.KernelHeight + kh;
                    var ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                    if ((uint)id >= (uint)g.InDepth || (uint)ih >= (uint)g.InHeight)
                    {
                        _rows[slot] = 0;
                        continue;
                    }
                    var source = x + (long)n * g.InputItemSize + ((long)id * g.InHeight + ih) * rowLength;
                    if (_wide is null)
                    {
                        _rows[slot] = (nint)source;
                        continue;
                    }
                    var wide = (float*)_pin.AddrOfPinnedObject() + (long)slot * g.InWidth * cm;
                    var target = wide;
                    for (var i = 0; i < rowLength; i++)
                    {
                        var value = source[i];
                        for (var m = 0; m < multiplier; m++) *target++ = value;
                    }
                    _rows[slot] = (nint)wide;
                }
            }
        }

        public void Dispose()
        {
            ArrayPool<nint>.Shared.Return(_rows);
            if (_wide is null) return;
            _pin.Free();
            ArrayPool<float>.Shared.Return(_wide);
        }
    }

    /// <summary>A reusable list of (a, b) vector pairs whose elementwise products are summed.</summary>
    private readonly struct Pairs(int capacity) : IDisposable
    {
        private readonly nint[] _a = ArrayPool<nint>.Shared.Rent(Math.Max(capacity, 1));
        private readonly nint[] _b = ArrayPool<nint>.Shared.Rent(Math.Max(capacity, 1));

        public (nint A, nint B) this[int i] => (_a[i], _b[i]);

        public void Add(ref int count, float* a, float* b)
        {
            _a[count] = (nint)a;
            _b[count] = (nint)b;
            count++;
        }

        /// <summary>dst[j] (+)= sum over the first <paramref name="count"/> pairs of a[j] * b[j], for j &lt; length.</summary>
        public void SumInto(float* dst, int length, int count, bool accumulate)
        {
            fixed (nint* a = _a, b = _b) SumOfProducts(dst, length, a, b, count, accumulate);
        }

        public void Dispose()
        {
            ArrayPool<nint>.Shared.Return(_a);
            ArrayPool<nint>.Shared.Return(_b);
        }
    }

    /// <summary>
    /// dst[j] (+)= Σ_t a_t[j] · b_t[j]: each register-wide block of j is accumulated over all pairs before one store, widest
    /// vectors first, then narrower ones, then scalars for the tail.
    /// </summary>
    internal static void SumOfProducts(float* dst, int length, nint* a, nint* b, int count, bool accumulate)
    {
        var j = Blocks<FloatVector512>(dst, length, a, b, count, accumulate, 0);
        j = Blocks<FloatVector256>(dst, length, a, b, count, accumulate, j);
        j = Blocks<FloatVector128>(dst, length, a, b, count, accumulate, j);
        for (; j < length; j++)
        {
            var sum = accumulate ? dst[j] : 0f;
            for (var t = 0; t < count; t++) sum += ((float*)a[t])[j] * ((float*)b[t])[j];
            dst[j] = sum;
        }
    }

    private static int Blocks<TVec>(float* dst, int length, nint* a, nint* b, int count, bool accumulate, int j)
        where TVec : struct, IFloatVector<TVec>
    {
        if (!TVec.IsHardwareAccelerated) return j;
        for (; j <= length - TVec.Count; j += TVec.Count)
        {
            var sum = accumulate ? TVec.Load(ref dst[j], 0) : (TVec)0f;
            for (var t = 0; t < count; t++)
                sum = TVec.MultiplyAdd(TVec.Load(ref ((float*)a[t])[j], 0), TVec.Load(ref ((float*)b[t])[j], 0), sum);
            TVec.Store(sum, ref dst[j], 0);
        }
        return j;
    }
}
