namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Single-precision GEMM: C = alpha * op(A) * op(B) + beta * C, row-major, op(X) = X or Xᵀ.
/// A is m×k after op, B is k×n after op, C is m×n; lda/ldb/ldc are the row strides of the stored matrices.
/// </summary>
internal static partial class Sgemm
{
    public static void Multiply(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        // Reference implementation; replaced by the packed, blocked kernel.
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0f;
                for (var p = 0; p < k; p++)
                {
                    var av = transA ? a[p * lda + i] : a[i * lda + p];
                    var bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += av * bv;
                }
                c[i * ldc + j] = alpha * sum + (beta == 0 ? 0 : beta * c[i * ldc + j]);
            }
        }
    }

    /// <summary>Batched GEMM over contiguous batches: matrix i of A starts at i*strideA (0 broadcasts one matrix), likewise B and C.</summary>
    public static void MultiplyBatched(
        int batch, bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, int strideA, ReadOnlySpan<float> b, int ldb, int strideB,
        float beta, Span<float> c, int ldc, int strideC)
    {
        for (var i = 0; i < batch; i++)
        {
            Multiply(transA, transB, m, n, k, alpha,
                a.Slice(i * strideA), lda, b.Slice(i * strideB), ldb,
                beta, c.Slice(i * strideC), ldc);
        }
    }
}
