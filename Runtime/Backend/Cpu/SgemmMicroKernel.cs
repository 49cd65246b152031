using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Register-blocked SGEMM micro-kernels: C tile = alpha * (A panel x B panel) + beta * C tile over packed panels
/// (see <see cref="SgemmPacking"/>). The accumulators of a whole tile live in vector registers for the whole k loop;
/// each k step loads one row of the B panel and broadcasts each element of the A panel's column.
/// beta == 0 never reads C (it may hold NaN garbage).
/// </summary>
internal static unsafe class SgemmMicroKernel
{
    /// <summary>C[14x32] = alpha * (packed A panel x packed B panel) (+ beta * C), with 28 Vector512<float> accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel14x32(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        Vector512<float> c0_0 = default, c0_1 = default;
        Vector512<float> c1_0 = default, c1_1 = default;
        Vector512<float> c2_0 = default, c2_1 = default;
        Vector512<float> c3_0 = default, c3_1 = default;
        Vector512<float> c4_0 = default, c4_1 = default;
        Vector512<float> c5_0 = default, c5_1 = default;
        Vector512<float> c6_0 = default, c6_1 = default;
        Vector512<float> c7_0 = default, c7_1 = default;
        Vector512<float> c8_0 = default, c8_1 = default;
        Vector512<float> c9_0 = default, c9_1 = default;
        Vector512<float> c10_0 = default, c10_1 = default;
        Vector512<float> c11_0 = default, c11_1 = default;
        Vector512<float> c12_0 = default, c12_1 = default;
        Vector512<float> c13_0 = default, c13_1 = default;
        // The C tile is needed only after the k loop: start fetching it now so the loads and stores do not stall.
        for (var r = 0; r < 14; r++)
        {
            Sse.Prefetch0(c + (nint)r * ldc);
            Sse.Prefetch0(c + (nint)r * ldc + 31);
        }
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b + 0);
            var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(a[0]);
            c0_0 = Avx512F.FusedMultiplyAdd(a0, b0, c0_0);
            c0_1 = Avx512F.FusedMultiplyAdd(a0, b1, c0_1);
            var a1 = Vector512.Create(a[1]);
            c1_0 = Avx512F.FusedMultiplyAdd(a1, b0, c1_0);
            c1_1 = Avx512F.FusedMultiplyAdd(a1, b1, c1_1);
            var a2 = Vector512.Create(a[2]);
            c2_0 = Avx512F.FusedMultiplyAdd(a2, b0, c2_0);
            c2_1 = Avx512F.FusedMultiplyAdd(a2, b1, c2_1);
            var a3 = Vector512.Create(a[3]);
            c3_0 = Avx512F.FusedMultiplyAdd(a3, b0, c3_0);
            c3_1 = Avx512F.FusedMultiplyAdd(a3, b1, c3_1);
            var a4 = Vector512.Create(a[4]);
            c4_0 = Avx512F.FusedMultiplyAdd(a4, b0, c4_0);
            c4_1 = Avx512F.FusedMultiplyAdd(a4, b1, c4_1);
            var a5 = Vector512.Create(a[5]);
            c5_0 = Avx512F.FusedMultiplyAdd(a5, b0, c5_0);
            c5_1 = Avx512F.FusedMultiplyAdd(a5, b1, c5_1);
            var a6 = Vector512.Create(a[6]);
            c6_0 = Avx512F.FusedMultiplyAdd(a6, b0, c6_0);
            c6_1 = Avx512F.FusedMultiplyAdd(a6, b1, c6_1);
            var a7 = Vector512.Create(a[7]);
            c7_0 = Avx512F.FusedMultiplyAdd(a7, b0, c7_0);
            c7_1 = Avx512F.FusedMultiplyAdd(a7, b1, c7_1);
            var a8 = Vector512.Create(a[8]);
            c8_0 = Avx512F.FusedMultiplyAdd(a8, b0, c8_0);
            c8_1 = Avx512F.FusedMultiplyAdd(a8, b1, c8_1);
            var a9 = Vector512.Create(a[9]);
            c9_0 = Avx512F.FusedMultiplyAdd(a9, b0, c9_0);
            c9_1 = Avx512F.FusedMultiplyAdd(a9, b1, c9_1);
            var a10 = Vector512.Create(a[10]);
            c10_0 = Avx512F.FusedMultiplyAdd(a10, b0, c10_0);
            c10_1 = Avx512F.FusedMultiplyAdd(a10, b1, c10_1);
            var a11 = Vector512.Create(a[11]);
            c11_0 = Avx512F.FusedMultiplyAdd(a11, b0, c11_0);
            c11_1 = Avx512F.FusedMultiplyAdd(a11, b1, c11_1);
            var a12 = Vector512.Create(a[12]);
            c12_0 = Avx512F.FusedMultiplyAdd(a12, b0, c12_0);
            c12_1 = Avx512F.FusedMultiplyAdd(a12, b1, c12_1);
            var a13 = Vector512.Create(a[13]);
            c13_0 = Avx512F.FusedMultiplyAdd(a13, b0, c13_0);
            c13_1 = Avx512F.FusedMultiplyAdd(a13, b1, c13_1);
            a += 14;
            b += 32;
        }
        var va = Vector512.Create(alpha);
        if (beta == 0)
        {
            (c0_0 * va).Store(c + 0 * ldc + 0);
            (c0_1 * va).Store(c + 0 * ldc + 16);
            (c1_0 * va).Store(c + 1 * ldc + 0);
            (c1_1 * va).Store(c + 1 * ldc + 16);
            (c2_0 * va).Store(c + 2 * ldc + 0);
            (c2_1 * va).Store(c + 2 * ldc + 16);
            (c3_0 * va).Store(c + 3 * ldc + 0);
            (c3_1 * va).Store(c + 3 * ldc + 16);
            (c4_0 * va).Store(c + 4 * ldc + 0);
            (c4_1 * va).Store(c + 4 * ldc + 16);
            (c5_0 * va).Store(c + 5 * ldc + 0);
            (c5_1 * va).Store(c + 5 * ldc + 16);
            (c6_0 * va).Store(c + 6 * ldc + 0);
            (c6_1 * va).Store(c + 6 * ldc + 16);
            (c7_0 * va).Store(c + 7 * ldc + 0);
            (c7_1 * va).Store(c + 7 * ldc + 16);
            (c8_0 * va).Store(c + 8 * ldc + 0);
            (c8_1 * va).Store(c + 8 * ldc + 16);
            (c9_0 * va).Store(c + 9 * ldc + 0);
            (c9_1 * va).Store(c + 9 * ldc + 16);
            (c10_0 * va).Store(c + 10 * ldc + 0);
            (c10_1 * va).Store(c + 10 * ldc + 16);
            (c11_0 * va).Store(c + 11 * ldc + 0);
            (c11_1 * va).Store(c + 11 * ldc + 16);
            (c12_0 * va).Store(c + 12 * ldc + 0);
            (c12_1 * va).Store(c + 12 * ldc + 16);
            (c13_0 * va).Store(c + 13 * ldc + 0);
            (c13_1 * va).Store(c + 13 * ldc + 16);
        }
        else
        {
            var vb = Vector512.Create(beta);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 0 * ldc + 0), vb, c0_0 * va).Store(c + 0 * ldc + 0);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 0 * ldc + 16), vb, c0_1 * va).Store(c + 0 * ldc + 16);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 1 * ldc + 0), vb, c1_0 * va).Store(c + 1 * ldc + 0);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 1 * ldc + 16), vb, c1_1 * va).Store(c + 1 * ldc + 16);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 2 * ldc + 0), vb, c2_0 * va).Store(c + 2 * ldc + 0);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 2 * ldc + 16), vb, c2_1 * va).Store(c + 2 * ldc + 16);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 3 * ldc + 0), vb, c3_0 * va).Store(c + 3 * ldc + 0);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 3 * ldc + 16), vb, c3_1 * va).Store(c + 3 * ldc + 16);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 4 * ldc + 0), vb, c4_0 * va).Store(c + 4 * ldc + 0);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 4 * ldc + 16), vb, c4_1 * va).Store(c + 4 * ldc + 16);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 5 * ldc + 0), vb, c5_0 * va).Store(c + 5 * ldc + 0);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 5 * ldc + 16), vb, c5_1 * va).Store(c + 5 * ldc + 16);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 6 * ldc + 0), vb, c6_0 * va).Store(c + 6 * ldc + 0);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 6 * ldc + 16), vb, c6_1 * va).Store(c + 6 * ldc + 16);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 7 * ldc + 0), vb, c7_0 * va).Store(c + 7 * ldc + 0);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 7 * ldc + 16), vb, c7_1 * va).Store(c + 7 * ldc + 16);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 8 * ldc + 0), vb, c8_0 * va).Store(c + 8 * ldc + 0);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 8 * ldc + 16), vb, c8_1 * va).Store(c + 8 * ldc + 16);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 9 * ldc + 0), vb, c9_0 * va).Store(c + 9 * ldc + 0);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 9 * ldc + 16), vb, c9_1 * va).Store(c + 9 * ldc + 16);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 10 * ldc + 0), vb, c10_0 * va).Store(c + 10 * ldc + 0);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 10 * ldc + 16), vb, c10_1 * va).Store(c + 10 * ldc + 16);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 11 * ldc + 0), vb, c11_0 * va).Store(c + 11 * ldc + 0);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 11 * ldc + 16), vb, c11_1 * va).Store(c + 11 * ldc + 16);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 12 * ldc + 0), vb, c12_0 * va).Store(c + 12 * ldc + 0);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 12 * ldc + 16), vb, c12_1 * va).Store(c + 12 * ldc + 16);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 13 * ldc + 0), vb, c13_0 * va).Store(c + 13 * ldc + 0);
            Avx512F.FusedMultiplyAdd(Vector512.Load(c + 13 * ldc + 16), vb, c13_1 * va).Store(c + 13 * ldc + 16);
        }
    }

    /// <summary>C[6x16] = alpha * (packed A panel x packed B panel) (+ beta * C), with 12 Vector256<float> accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel6x16(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        Vector256<float> c0_0 = default, c0_1 = default;
        Vector256<float> c1_0 = default, c1_1 = default;
        Vector256<float> c2_0 = default, c2_1 = default;
        Vector256<float> c3_0 = default, c3_1 = default;
        Vector256<float> c4_0 = default, c4_1 = default;
        Vector256<float> c5_0 = default, c5_1 = default;
        // The C tile is needed only after the k loop: start fetching it now so the loads and stores do not stall.
        for (var r = 0; r < 6; r++)
        {
            Sse.Prefetch0(c + (nint)r * ldc);
            Sse.Prefetch0(c + (nint)r * ldc + 15);
        }
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b + 0);
            var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]);
            c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
            c0_1 = Fma.MultiplyAdd(a0, b1, c0_1);
            var a1 = Vector256.Create(a[1]);
            c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
            c1_1 = Fma.MultiplyAdd(a1, b1, c1_1);
            var a2 = Vector256.Create(a[2]);
            c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
            c2_1 = Fma.MultiplyAdd(a2, b1, c2_1);
            var a3 = Vector256.Create(a[3]);
            c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
            c3_1 = Fma.MultiplyAdd(a3, b1, c3_1);
            var a4 = Vector256.Create(a[4]);
            c4_0 = Fma.MultiplyAdd(a4, b0, c4_0);
            c4_1 = Fma.MultiplyAdd(a4, b1, c4_1);
            var a5 = Vector256.Create(a[5]);
            c5_0 = Fma.MultiplyAdd(a5, b0, c5_0);
            c5_1 = Fma.MultiplyAdd(a5, b1, c5_1);
            a += 6;
            b += 16;
        }
        var va = Vector256.Create(alpha);
        if (beta == 0)
        {
            (c0_0 * va).Store(c + 0 * ldc + 0);
            (c0_1 * va).Store(c + 0 * ldc + 8);
            (c1_0 * va).Store(c + 1 * ldc + 0);
            (c1_1 * va).Store(c + 1 * ldc + 8);
            (c2_0 * va).Store(c + 2 * ldc + 0);
            (c2_1 * va).Store(c + 2 * ldc + 8);
            (c3_0 * va).Store(c + 3 * ldc + 0);
            (c3_1 * va).Store(c + 3 * ldc + 8);
            (c4_0 * va).Store(c + 4 * ldc + 0);
            (c4_1 * va).Store(c + 4 * ldc + 8);
            (c5_0 * va).Store(c + 5 * ldc + 0);
            (c5_1 * va).Store(c + 5 * ldc + 8);
        }
        else
        {
            var vb = Vector256.Create(beta);
            Fma.MultiplyAdd(Vector256.Load(c + 0 * ldc + 0), vb, c0_0 * va).Store(c + 0 * ldc + 0);
            Fma.MultiplyAdd(Vector256.Load(c + 0 * ldc + 8), vb, c0_1 * va).Store(c + 0 * ldc + 8);
            Fma.MultiplyAdd(Vector256.Load(c + 1 * ldc + 0), vb, c1_0 * va).Store(c + 1 * ldc + 0);
            Fma.MultiplyAdd(Vector256.Load(c + 1 * ldc + 8), vb, c1_1 * va).Store(c + 1 * ldc + 8);
            Fma.MultiplyAdd(Vector256.Load(c + 2 * ldc + 0), vb, c2_0 * va).Store(c + 2 * ldc + 0);
            Fma.MultiplyAdd(Vector256.Load(c + 2 * ldc + 8), vb, c2_1 * va).Store(c + 2 * ldc + 8);
            Fma.MultiplyAdd(Vector256.Load(c + 3 * ldc + 0), vb, c3_0 * va).Store(c + 3 * ldc + 0);
            Fma.MultiplyAdd(Vector256.Load(c + 3 * ldc + 8), vb, c3_1 * va).Store(c + 3 * ldc + 8);
            Fma.MultiplyAdd(Vector256.Load(c + 4 * ldc + 0), vb, c4_0 * va).Store(c + 4 * ldc + 0);
            Fma.MultiplyAdd(Vector256.Load(c + 4 * ldc + 8), vb, c4_1 * va).Store(c + 4 * ldc + 8);
            Fma.MultiplyAdd(Vector256.Load(c + 5 * ldc + 0), vb, c5_0 * va).Store(c + 5 * ldc + 0);
            Fma.MultiplyAdd(Vector256.Load(c + 5 * ldc + 8), vb, c5_1 * va).Store(c + 5 * ldc + 8);
        }
    }

}
