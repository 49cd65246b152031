using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Packs blocks of op(A) and op(B) into the panel layout the micro-kernels stream: a panel is <c>width</c> rows of
/// op(A) (or columns of op(B)) interleaved step by step along k, so the kernel reads both operands contiguously.
/// Rows or columns past the matrix edge are zero, which lets one full-size kernel serve the edge tiles too.
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
        for (var i = 0; i < mc; i += mr)
        {
            var rows = Math.Min(mr, mc - i);
            if (transA) CopyPanel(a + (nint)p0 * lda + i0 + i, lda, kc, rows, mr, dst);
            else TransposePanel(a + (nint)(i0 + i) * lda + p0, lda, kc, rows, mr, dst);
            dst += (nint)mr * kc;
        }
    }

    /// <summary>
    /// Packs panels [firstPanel, endPanel) of rows [p0, p0 + kc) and columns [j0, j0 + nc) of op(B), nr columns per
    /// panel, panel q at <paramref name="dst"/> + q * nr * kc: its element [p * nr + j] is op(B)[p0 + p, j0 + q * nr + j].
    /// </summary>
    public static void PackB(bool transB, float* b, int ldb, int p0, int kc, int j0, int nc, int nr, float* dst, int firstPanel, int endPanel)
    {
        for (var q = firstPanel; q < endPanel; q++)
        {
            var j = q * nr;
            var cols = Math.Min(nr, nc - j);
            var panel = dst + (nint)q * nr * kc;
            if (transB) TransposePanel(b + (nint)(j0 + j) * ldb + p0, ldb, kc, cols, nr, panel);
            else CopyPanel(b + (nint)p0 * ldb + j0 + j, ldb, kc, cols, nr, panel);
        }
    }

    /// <summary>dst[p * width + r] = src[p * ld + r] for r &lt; count, zero for count &lt;= r &lt; width.</summary>
    private static void CopyPanel(float* src, int ld, int kc, int count, int width, float* dst)
    {
        for (var p = 0; p < kc; p++)
        {
            CopyRow(src, dst, count);
            for (var r = count; r < width; r++) dst[r] = 0;
            src += ld;
            dst += width;
        }
    }

    /// <summary>dst[p * width + r] = src[r * ld + p] for r &lt; count, zero for count &lt;= r &lt; width.</summary>
    private static void TransposePanel(float* src, int ld, int kc, int count, int width, float* dst)
    {
        // Blocks of k keep the strided writes within a few cache lines instead of sweeping the whole panel per row.
        const int Block = 16;
        for (var p0 = 0; p0 < kc; p0 += Block)
        {
            var pEnd = Math.Min(kc, p0 + Block);
            for (var r = 0; r < count; r++)
            {
                var s = src + (nint)r * ld;
                for (var p = p0; p < pEnd; p++) dst[p * width + r] = s[p];
            }
            for (var p = p0; p < pEnd; p++)
            {
                for (var r = count; r < width; r++) dst[p * width + r] = 0;
            }
        }
    }

    /// <summary>Copies n floats; vector copies whose last one may overlap the previous (never touching past n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow(float* s, float* d, int n)
    {
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
