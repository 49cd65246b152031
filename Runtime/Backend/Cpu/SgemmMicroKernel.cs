using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Register-blocked SGEMM micro-kernels: C tile = alpha * (A panel x B panel) + beta * C tile over packed panels
/// (see <see cref="SgemmPacking"/>). The accumulators of a whole tile live in vector registers for the whole k loop;
/// each k step loads one row of the B panel and broadcasts each element of the A panel's column (14x32 with AVX-512:
/// 28 accumulators + 2 B rows + 1 broadcast = 31 of the 32 registers; 6x16 with AVX2: 15 of 16).
/// beta == 0 never reads C (it may hold NaN garbage).
/// </summary>
internal static unsafe class SgemmMicroKernel
{
    /// <summary>A row count known to the JIT at compile time, to specialize a kernel for the edge rows of a matrix.</summary>
    public interface IRowCount
    {
        static abstract int Count { get; }
    }

    public struct Rows1 : IRowCount { public static int Count => 1; }

    public struct Rows2 : IRowCount { public static int Count => 2; }

    public struct Rows4 : IRowCount { public static int Count => 4; }

    public struct Rows6 : IRowCount { public static int Count => 6; }

    public struct Rows8 : IRowCount { public static int Count => 8; }

    public struct Rows14 : IRowCount { public static int Count => 14; }

    /// <summary>
    /// Runs the <paramref name="rows"/> (&lt;= MR) first rows of an MR-row A panel against a B panel into C: the full
    /// panel in one kernel, a partial one as a sum of power-of-two row blocks (13 = 8 + 4 + 1).
    /// </summary>
    public static void Run(SgemmKernel kernel, int rows, int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        if (kernel == SgemmKernel.Vector512)
        {
            if (rows == 14)
            {
                Kernel14x32<Rows14>(kc, a, b, c, ldc, alpha, beta);
                return;
            }
            // Each block reads its rows of the A panel at the panel's stride (14 floats per k step).
            var r = 0;
            if ((rows & 8) != 0) { Kernel14x32<Rows8>(kc, a + r, b, c + r * (nint)ldc, ldc, alpha, beta); r += 8; }
            if ((rows & 4) != 0) { Kernel14x32<Rows4>(kc, a + r, b, c + r * (nint)ldc, ldc, alpha, beta); r += 4; }
            if ((rows & 2) != 0) { Kernel14x32<Rows2>(kc, a + r, b, c + r * (nint)ldc, ldc, alpha, beta); r += 2; }
            if ((rows & 1) != 0) Kernel14x32<Rows1>(kc, a + r, b, c + r * (nint)ldc, ldc, alpha, beta);
        }
        else
        {
            if (rows == 6)
            {
                Kernel6x16<Rows6>(kc, a, b, c, ldc, alpha, beta);
                return;
            }
            var r = 0;
            if ((rows & 4) != 0) { Kernel6x16<Rows4>(kc, a + r, b, c + r * (nint)ldc, ldc, alpha, beta); r += 4; }
            if ((rows & 2) != 0) { Kernel6x16<Rows2>(kc, a + r, b, c + r * (nint)ldc, ldc, alpha, beta); r += 2; }
            if ((rows & 1) != 0) Kernel6x16<Rows1>(kc, a + r, b, c + r * (nint)ldc, ldc, alpha, beta);
        }
    }

    /// <summary>
    /// C[rows x 32] = alpha * (A panel x B panel) + beta * C for the first <typeparamref name="TRows"/>.Count &lt;= 14 rows of a
    /// 14-row A panel: 28 Vector512&lt;float&gt; accumulators at most. The JIT compiles each row count separately and drops
    /// the rows it does not have, so the edge rows of a matrix get an exact kernel rather than a padded one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel14x32<TRows>(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
        where TRows : struct, IRowCount
    {
        // The C tile is needed only after the k loop: start fetching it now so its loads and stores do not stall.
        for (var r = 0; r < TRows.Count; r++)
        {
            Sse.Prefetch0(c + (nint)r * ldc);
            Sse.Prefetch0(c + (nint)r * ldc + 31);
        }
        Vector512<float> c0a = default, c0b = default;
        Vector512<float> c1a = default, c1b = default;
        Vector512<float> c2a = default, c2b = default;
        Vector512<float> c3a = default, c3b = default;
        Vector512<float> c4a = default, c4b = default;
        Vector512<float> c5a = default, c5b = default;
        Vector512<float> c6a = default, c6b = default;
        Vector512<float> c7a = default, c7b = default;
        Vector512<float> c8a = default, c8b = default;
        Vector512<float> c9a = default, c9b = default;
        Vector512<float> c10a = default, c10b = default;
        Vector512<float> c11a = default, c11b = default;
        Vector512<float> c12a = default, c12b = default;
        Vector512<float> c13a = default, c13b = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b + 0);
            var b1 = Vector512.Load(b + 16);
            { var x = Vector512.Create(a[0]); c0a = Avx512F.FusedMultiplyAdd(x, b0, c0a); c0b = Avx512F.FusedMultiplyAdd(x, b1, c0b); }
            if (TRows.Count > 1) { var x = Vector512.Create(a[1]); c1a = Avx512F.FusedMultiplyAdd(x, b0, c1a); c1b = Avx512F.FusedMultiplyAdd(x, b1, c1b); }
            if (TRows.Count > 2) { var x = Vector512.Create(a[2]); c2a = Avx512F.FusedMultiplyAdd(x, b0, c2a); c2b = Avx512F.FusedMultiplyAdd(x, b1, c2b); }
            if (TRows.Count > 3) { var x = Vector512.Create(a[3]); c3a = Avx512F.FusedMultiplyAdd(x, b0, c3a); c3b = Avx512F.FusedMultiplyAdd(x, b1, c3b); }
            if (TRows.Count > 4) { var x = Vector512.Create(a[4]); c4a = Avx512F.FusedMultiplyAdd(x, b0, c4a); c4b = Avx512F.FusedMultiplyAdd(x, b1, c4b); }
            if (TRows.Count > 5) { var x = Vector512.Create(a[5]); c5a = Avx512F.FusedMultiplyAdd(x, b0, c5a); c5b = Avx512F.FusedMultiplyAdd(x, b1, c5b); }
            if (TRows.Count > 6) { var x = Vector512.Create(a[6]); c6a = Avx512F.FusedMultiplyAdd(x, b0, c6a); c6b = Avx512F.FusedMultiplyAdd(x, b1, c6b); }
            if (TRows.Count > 7) { var x = Vector512.Create(a[7]); c7a = Avx512F.FusedMultiplyAdd(x, b0, c7a); c7b = Avx512F.FusedMultiplyAdd(x, b1, c7b); }
            if (TRows.Count > 8) { var x = Vector512.Create(a[8]); c8a = Avx512F.FusedMultiplyAdd(x, b0, c8a); c8b = Avx512F.FusedMultiplyAdd(x, b1, c8b); }
            if (TRows.Count > 9) { var x = Vector512.Create(a[9]); c9a = Avx512F.FusedMultiplyAdd(x, b0, c9a); c9b = Avx512F.FusedMultiplyAdd(x, b1, c9b); }
            if (TRows.Count > 10) { var x = Vector512.Create(a[10]); c10a = Avx512F.FusedMultiplyAdd(x, b0, c10a); c10b = Avx512F.FusedMultiplyAdd(x, b1, c10b); }
            if (TRows.Count > 11) { var x = Vector512.Create(a[11]); c11a = Avx512F.FusedMultiplyAdd(x, b0, c11a); c11b = Avx512F.FusedMultiplyAdd(x, b1, c11b); }
            if (TRows.Count > 12) { var x = Vector512.Create(a[12]); c12a = Avx512F.FusedMultiplyAdd(x, b0, c12a); c12b = Avx512F.FusedMultiplyAdd(x, b1, c12b); }
            if (TRows.Count > 13) { var x = Vector512.Create(a[13]); c13a = Avx512F.FusedMultiplyAdd(x, b0, c13a); c13b = Avx512F.FusedMultiplyAdd(x, b1, c13b); }
            a += 14;
            b += 32;
        }
        var va = Vector512.Create(alpha);
        var vb = Vector512.Create(beta);
        Store(c + 0 * (nint)ldc, c0a, c0b, va, beta, vb);
        if (TRows.Count > 1) Store(c + 1 * (nint)ldc, c1a, c1b, va, beta, vb);
        if (TRows.Count > 2) Store(c + 2 * (nint)ldc, c2a, c2b, va, beta, vb);
        if (TRows.Count > 3) Store(c + 3 * (nint)ldc, c3a, c3b, va, beta, vb);
        if (TRows.Count > 4) Store(c + 4 * (nint)ldc, c4a, c4b, va, beta, vb);
        if (TRows.Count > 5) Store(c + 5 * (nint)ldc, c5a, c5b, va, beta, vb);
        if (TRows.Count > 6) Store(c + 6 * (nint)ldc, c6a, c6b, va, beta, vb);
        if (TRows.Count > 7) Store(c + 7 * (nint)ldc, c7a, c7b, va, beta, vb);
        if (TRows.Count > 8) Store(c + 8 * (nint)ldc, c8a, c8b, va, beta, vb);
        if (TRows.Count > 9) Store(c + 9 * (nint)ldc, c9a, c9b, va, beta, vb);
        if (TRows.Count > 10) Store(c + 10 * (nint)ldc, c10a, c10b, va, beta, vb);
        if (TRows.Count > 11) Store(c + 11 * (nint)ldc, c11a, c11b, va, beta, vb);
        if (TRows.Count > 12) Store(c + 12 * (nint)ldc, c12a, c12b, va, beta, vb);
        if (TRows.Count > 13) Store(c + 13 * (nint)ldc, c13a, c13b, va, beta, vb);
    }

    /// <summary>
    /// C[rows x 16] = alpha * (A panel x B panel) + beta * C for the first <typeparamref name="TRows"/>.Count &lt;= 6 rows of a
    /// 6-row A panel: 12 Vector256&lt;float&gt; accumulators at most. The JIT compiles each row count separately and drops
    /// the rows it does not have, so the edge rows of a matrix get an exact kernel rather than a padded one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel6x16<TRows>(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
        where TRows : struct, IRowCount
    {
        // The C tile is needed only after the k loop: start fetching it now so its loads and stores do not stall.
        for (var r = 0; r < TRows.Count; r++)
        {
            Sse.Prefetch0(c + (nint)r * ldc);
            Sse.Prefetch0(c + (nint)r * ldc + 15);
        }
        Vector256<float> c0a = default, c0b = default;
        Vector256<float> c1a = default, c1b = default;
        Vector256<float> c2a = default, c2b = default;
        Vector256<float> c3a = default, c3b = default;
        Vector256<float> c4a = default, c4b = default;
        Vector256<float> c5a = default, c5b = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b + 0);
            var b1 = Vector256.Load(b + 8);
            { var x = Vector256.Create(a[0]); c0a = Fma.MultiplyAdd(x, b0, c0a); c0b = Fma.MultiplyAdd(x, b1, c0b); }
            if (TRows.Count > 1) { var x = Vector256.Create(a[1]); c1a = Fma.MultiplyAdd(x, b0, c1a); c1b = Fma.MultiplyAdd(x, b1, c1b); }
            if (TRows.Count > 2) { var x = Vector256.Create(a[2]); c2a = Fma.MultiplyAdd(x, b0, c2a); c2b = Fma.MultiplyAdd(x, b1, c2b); }
            if (TRows.Count > 3) { var x = Vector256.Create(a[3]); c3a = Fma.MultiplyAdd(x, b0, c3a); c3b = Fma.MultiplyAdd(x, b1, c3b); }
            if (TRows.Count > 4) { var x = Vector256.Create(a[4]); c4a = Fma.MultiplyAdd(x, b0, c4a); c4b = Fma.MultiplyAdd(x, b1, c4b); }
            if (TRows.Count > 5) { var x = Vector256.Create(a[5]); c5a = Fma.MultiplyAdd(x, b0, c5a); c5b = Fma.MultiplyAdd(x, b1, c5b); }
            a += 6;
            b += 16;
        }
        var va = Vector256.Create(alpha);
        var vb = Vector256.Create(beta);
        Store(c + 0 * (nint)ldc, c0a, c0b, va, beta, vb);
        if (TRows.Count > 1) Store(c + 1 * (nint)ldc, c1a, c1b, va, beta, vb);
        if (TRows.Count > 2) Store(c + 2 * (nint)ldc, c2a, c2b, va, beta, vb);
        if (TRows.Count > 3) Store(c + 3 * (nint)ldc, c3a, c3b, va, beta, vb);
        if (TRows.Count > 4) Store(c + 4 * (nint)ldc, c4a, c4b, va, beta, vb);
        if (TRows.Count > 5) Store(c + 5 * (nint)ldc, c5a, c5b, va, beta, vb);
    }

    /// <summary>One row of a tile: C = alpha * x (+ beta * C, reading C only when beta != 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector512<float> x0, Vector512<float> x1, Vector512<float> va, float beta, Vector512<float> vb)
    {
        if (beta == 0)
        {
            (x0 * va).Store(c + 0);
            (x1 * va).Store(c + 16);
        }
        else
        {
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 0), vb, x0 * va).Store(c + 0);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 16), vb, x1 * va).Store(c + 16);
        }
    }

    /// <summary>One row of a tile: C = alpha * x (+ beta * C, reading C only when beta != 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector256<float> x0, Vector256<float> x1, Vector256<float> va, float beta, Vector256<float> vb)
    {
        if (beta == 0)
        {
            (x0 * va).Store(c + 0);
            (x1 * va).Store(c + 8);
        }
        else
        {
            Fma.MultiplyAdd(Vector256.Load(c + 0), vb, x0 * va).Store(c + 0);
            Fma.MultiplyAdd(Vector256.Load(c + 8), vb, x1 * va).Store(c + 8);
        }
    }
}
