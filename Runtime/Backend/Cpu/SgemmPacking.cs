using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Packs blocks of op(A) and op(B) into the panel layout the micro-kernels stream: a panel is <c>width</c> rows of
/// op(A) (or columns of op(B)) interleaved step by step along k, so the kernel reads both operands contiguously.
/// Rows or columns past the matrix edge are zero, so full-width kernels serve the right-edge tiles too.
/// Transposition is absorbed here, so one micro-kernel serves all four transpose combinations.
/// </summary>
internal static unsafe class SgemmPacking
{
    /// <summary>
    /// Packs rows [i0, i0 + mc) and columns [p0, p0 + kc) of op(A) into ceil(mc / mr) panels of mr * kc floats at
    /// <paramref name="dst"/>: panel element [p * mr + r] is op(A)[i0 + panel * mr + r, p0 + p].
    /// </summary>
    public static void PackA(bool transA, float* a, int lda, int i0, int mc, int p0, int kc, int mr, float* dst)
    {
        if (transA)
        {
            CopyPanels(a + (nint)p0 * lda + i0, lda, kc, mc, mr, dst);
            return;
        }
        for (var i = 0; i < mc; i += mr)
        {
            TransposePanel(a + (nint)(i0 + i) * lda + p0, lda, kc, Math.Min(mr, mc - i), mr, dst);
            dst += (nint)mr * kc;
        }
    }

    /// <summary>
    /// Packs panels [firstPanel, endPanel) of rows [p0, p0 + kc) and columns [j0, j0 + nc) of op(B), nr columns per
    /// panel, panel q at <paramref name="dst"/> + q * nr * kc: its element [p * nr + j] is op(B)[p0 + p, j0 + q * nr + j].
    /// </summary>
    public static void PackB(bool transB, float* b, int ldb, int p0, int kc, int j0, int nc, int nr, float* dst, int firstPanel, int endPanel)
    {
        var first = firstPanel * nr;
        if (!transB)
        {
            CopyPanels(b + (nint)p0 * ldb + j0 + first, ldb, kc, Math.Min(nc, endPanel * nr) - first, nr, dst + (nint)first * kc);
            return;
        }
        for (var q = firstPanel; q < endPanel; q++)
        {
            var j = q * nr;
            TransposePanel(b + (nint)(j0 + j) * ldb + p0, ldb, kc, Math.Min(nr, nc - j), nr, dst + (nint)j * kc);
        }
    }

    /// <summary>
    /// Packs the first <paramref name="count"/> elements of kc source rows (stride ld) into ceil(count / width) panels:
    /// panel q's element [p * width + r] is src[p * ld + q * width + r], zero past count. Walks the source row by row,
    /// so reads are sequential (column-by-column walks across rows a page apart defeat the hardware prefetcher).
    /// </summary>
    private static void CopyPanels(float* src, int ld, int kc, int count, int width, float* dst)
    {
        var panels = (count + width - 1) / width;
        var panelSize = (nint)width * kc;
        for (var p = 0; p < kc; p++)
        {
            var s = src + (nint)p * ld;
            var d = dst + (nint)p * width;
            for (var q = 0; q < panels; q++)
            {
                var cols = Math.Min(width, count - q * width);
                CopyRow(s + q * width, d, cols);
                for (var r = cols; r < width; r++) d[r] = 0;
                d += panelSize;
            }
        }
    }

    /// <summary>dst[p * width + r] = src[r * ld + p] for r &lt; count, zero for count &lt;= r &lt; width.</summary>
    private static void TransposePanel(float* src, int ld, int kc, int count, int width, float* dst)
    {
        var p = 0;
        if (Avx.IsSupported && width >= 8)
        {
            // 8x8 blocks transposed in registers; a width that is not a multiple of 8 ends with a block overlapping
            // the previous one (same values written twice) instead of running past the panel row. One group of 8
            // rows at a time: sweeping all the rows per k step would, with a power-of-two ld, map them onto a couple
            // of L1 sets and miss on every load.
            var pEnd = kc & ~7;
            for (var r0 = 0; r0 < width; r0 += 8)
            {
                var r = Math.Min(r0, width - 8);
                var s = src + (nint)r * ld;
                var d = dst + r;
                if (r + 8 <= count)
                {
                    for (p = 0; p < pEnd; p += 8)
                    {
                        Transpose8x8(Vector256.Load(s + p), Vector256.Load(s + ld + p), Vector256.Load(s + 2 * ld + p), Vector256.Load(s + 3 * ld + p),
                            Vector256.Load(s + 4 * ld + p), Vector256.Load(s + 5 * ld + p), Vector256.Load(s + 6 * ld + p), Vector256.Load(s + 7 * ld + p),
                            d + (nint)p * width, width);
                    }
                }
                else
                {
                    // Edge panel: rows past count read as zero.
                    var n = count - r;
                    for (p = 0; p < pEnd; p += 8)
                    {
                        Transpose8x8(Row(s + p, ld, 0, n), Row(s + p, ld, 1, n), Row(s + p, ld, 2, n), Row(s + p, ld, 3, n),
                            Row(s + p, ld, 4, n), Row(s + p, ld, 5, n), Row(s + p, ld, 6, n), Row(s + p, ld, 7, n), d + (nint)p * width, width);
                    }
                }
            }
            p = pEnd;
        }
        for (; p < kc; p++)
        {
            for (var r = 0; r < width; r++) dst[p * width + r] = r < count ? src[(nint)r * ld + p] : 0;
        }
    }

    /// <summary>Writes the transpose of the 8x8 block whose rows are r0..r7: column j to dst + j * width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(
        Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7, float* dst, int width)
    {
        // Interleave pairs of rows, then pairs of pairs, then swap 128-bit halves: the classic 8x8 AVX transpose.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(u0, u4, 0x20).Store(dst);
        Avx.Permute2x128(u1, u5, 0x20).Store(dst + width);
        Avx.Permute2x128(u2, u6, 0x20).Store(dst + 2 * width);
        Avx.Permute2x128(u3, u7, 0x20).Store(dst + 3 * width);
        Avx.Permute2x128(u0, u4, 0x31).Store(dst + 4 * width);
        Avx.Permute2x128(u1, u5, 0x31).Store(dst + 5 * width);
        Avx.Permute2x128(u2, u6, 0x31).Store(dst + 6 * width);
        Avx.Permute2x128(u3, u7, 0x31).Store(dst + 7 * width);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Row(float* src, int ld, int r, int count) =>
        r < count ? Vector256.Load(src + (nint)r * ld) : Vector256<float>.Zero;

    /// <summary>Copies n floats; vector copies whose last one may overlap the previous (never touching past n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow(float* s, float* d, int n)
    {
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            var i = 0;
            for (; i + 16 <= n; i += 16) Vector512.Store(Vector512.Load(s + i), d + i);
            if (i < n) Vector512.Store(Vector512.Load(s + n - 16), d + n - 16);
            return;
        }
        if (n >= 8)
        {
            var i = 0;
            for (; i + 8 <= n; i += 8) Vector256.Store(Vector256.Load(s + i), d + i);
            if (i < n) Vector256.Store(Vector256.Load(s + n - 8), d + n - 8);
            return;
        }
        for (var i = 0; i < n; i++) d[i] = s[i];
    }
}
