using System.Numerics.Tensors;
using System.Runtime.Intrinsics.X86;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Single-precision GEMM: C = alpha * op(A) * op(B) + beta * C, row-major, op(X) = X or Xᵀ.
/// A is m×k after op, B is k×n after op, C is m×n; lda/ldb/ldc are the row strides of the stored matrices.
/// beta == 0 never reads C. Large products are packed and cache-blocked in the BLIS/GotoBLAS style (loops over
/// NC-column blocks of B, KC-deep slices, MC-row blocks of A, then MR×NR register tiles of
/// <see cref="SgemmMicroKernel"/>), in parallel over row/column ranges of each block; small ones take plain loops.
/// </summary>
internal static unsafe partial class Sgemm
{
    // Below this m*n*k packing costs more than it saves.
    private const long SmallWork = 32 * 1024;

    // Below this m*n*k (about 50 µs on one core) a fork-join costs more than the second core saves.
    private const long ParallelWork = 1L << 21;

    // Fewer rows than this waste most of an MR-row tile; row-by-row loops over op(B) are then faster.
    private const int MinPackedRows = 4;

    /// <summary>The best micro-kernel this CPU supports.</summary>
    internal static SgemmKernel BestKernel { get; } =
        Avx512F.IsSupported ? SgemmKernel.Vector512
        : Avx2.IsSupported && Fma.IsSupported ? SgemmKernel.Vector256
        : SgemmKernel.Scalar;

    public static void Multiply(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
        => Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, BestKernel, CpuParallel.Threads);

    /// <summary><see cref="Multiply(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/> with a chosen kernel and thread count (tests, benchmarks).</summary>
    internal static void Multiply(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc, SgemmKernel kernel, int threads)
    {
        const string Op = "Sgemm.Multiply";
        CheckSizes(Op, m, n, k, 1);
        CheckMatrix(Op, "A", a.Length, transA ? k : m, transA ? m : k, lda, 1, 0);
        CheckMatrix(Op, "B", b.Length, transB ? n : k, transB ? k : n, ldb, 1, 0);
        CheckMatrix(Op, "C", c.Length, m, n, ldc, 1, 0);
        fixed (float* pa = a, pb = b, pc = c)
        {
            Run(new Operands(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc), kernel, threads);
        }
    }

    /// <summary>Batched GEMM over contiguous batches: matrix i of A starts at i*strideA (0 broadcasts one matrix), likewise B and C.</summary>
    public static void MultiplyBatched(
        int batch, bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, int strideA, ReadOnlySpan<float> b, int ldb, int strideB,
        float beta, Span<float> c, int ldc, int strideC)
        => MultiplyBatched(batch, transA, transB, m, n, k, alpha, a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC,
            BestKernel, CpuParallel.Threads);

    /// <summary><see cref="MultiplyBatched(int, bool, bool, int, int, int, float, ReadOnlySpan{float}, int, int, ReadOnlySpan{float}, int, int, float, Span{float}, int, int)"/> with a chosen kernel and thread count.</summary>
    internal static void MultiplyBatched(
        int batch, bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, int strideA, ReadOnlySpan<float> b, int ldb, int strideB,
        float beta, Span<float> c, int ldc, int strideC, SgemmKernel kernel, int threads)
    {
        const string Op = "Sgemm.MultiplyBatched";
        CheckSizes(Op, m, n, k, batch);
        CheckMatrix(Op, "A", a.Length, transA ? k : m, transA ? m : k, lda, batch, strideA);
        CheckMatrix(Op, "B", b.Length, transB ? n : k, transB ? k : n, ldb, batch, strideB);
        CheckMatrix(Op, "C", c.Length, m, n, ldc, batch, strideC);
        if (batch > 1 && m > 0 && n > 0 && strideC < (m - 1L) * ldc + n)
            throw new ArgumentException($"{Op}: strideC {strideC} makes the {batch} output matrices of {m}x{n} (ldc {ldc}) overlap.");
        if (batch == 0) return;
        fixed (float* pa = a, pb = b, pc = c)
        {
            var g = new Operands(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            var work = (long)m * n * k;
            if (batch > 1 && threads > 1 && work < ParallelWork)
            {
                // Each product is too small to split; the batch is not.
                var job = t_batchJob ??= new BatchJob();
                job.Set(g, strideA, strideB, strideC, kernel);
                SgemmTeam.Run(job, batch, threads);
                return;
            }
            for (var i = 0; i < batch; i++) Run(g.Batch(i, strideA, strideB, strideC), kernel, threads);
        }
    }

    private static void Run(in Operands g, SgemmKernel kernel, int threads)
    {
        if (g.M == 0 || g.N == 0) return;
        if (g.K == 0 || g.Alpha == 0)
        {
            ScaleC(g);
            return;
        }
        var work = (long)g.M * g.N * g.K;
        if (work < ParallelWork) threads = 1;
        if (kernel == SgemmKernel.Scalar || work < SmallWork || g.M < MinPackedRows)
        {
            if (threads > 1) SmallParallel(g, threads);
            else Small(g);
            return;
        }
        Packed(g, kernel, threads);
    }

    /// <summary>C = beta * C, for products that add nothing (k == 0 or alpha == 0).</summary>
    private static void ScaleC(in Operands g)
    {
        for (var i = 0; i < g.M; i++)
        {
            var row = new Span<float>(g.C + (nint)i * g.Ldc, g.N);
            if (g.Beta == 0) row.Clear();
            else if (g.Beta != 1) TensorPrimitives.Multiply(row, g.Beta, row);
        }
    }

    private static void CheckSizes(string op, int m, int n, int k, int batch)
    {
        if (m < 0 || n < 0 || k < 0 || batch < 0)
            throw new ArgumentOutOfRangeException(nameof(m), $"{op}: sizes must be non-negative, got m={m}, n={n}, k={k}, batch={batch}.");
    }

    /// <summary>Checks that a span holds <paramref name="batch"/> rows×cols matrices with row stride ld, stride apart.</summary>
    private static void CheckMatrix(string op, string name, int length, int rows, int cols, int ld, int batch, int stride)
    {
        if (ld < cols)
            throw new ArgumentException($"{op}: the row stride of {name} is {ld}, expected at least its row length {cols}.");
        if (stride < 0)
            throw new ArgumentException($"{op}: the batch stride of {name} is {stride}, expected a non-negative value.");
        if (rows == 0 || cols == 0 || batch == 0) return;
        var needed = (batch - 1L) * stride + (rows - 1L) * ld + cols;
        if (length < needed)
            throw new ArgumentException($"{op}: {name} ({rows}x{cols}, row stride {ld}, batch {batch}, batch stride {stride}) needs {needed} elements, the span has {length}.");
    }

    [ThreadStatic] private static BatchJob? t_batchJob;

    /// <summary>The products of a batch, one per item, each on one thread.</summary>
    private sealed class BatchJob : SgemmTeam.Job
    {
        private Operands _g;
        private int _strideA, _strideB, _strideC;
        private SgemmKernel _kernel;

        public void Set(in Operands g, int strideA, int strideB, int strideC, SgemmKernel kernel) =>
            (_g, _strideA, _strideB, _strideC, _kernel) = (g, strideA, strideB, strideC, kernel);

        public override void Run(int item) => Sgemm.Run(_g.Batch(item, _strideA, _strideB, _strideC), _kernel, 1);
    }

    /// <summary>The arguments of one product, with the spans already pinned.</summary>
    private readonly struct Operands(
        bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        public readonly bool TransA = transA, TransB = transB;
        public readonly int M = m, N = n, K = k;
        public readonly float Alpha = alpha, Beta = beta;
        public readonly float* A = a, B = b, C = c;
        public readonly int Lda = lda, Ldb = ldb, Ldc = ldc;

        /// <summary>The block of rows [r0, r1) and columns [c0, c1) of the product.</summary>
        public Operands Block(int r0, int r1, int c0, int c1) => new(
            TransA, TransB, r1 - r0, c1 - c0, K, Alpha,
            A + (nint)r0 * (TransA ? 1 : Lda), Lda, B + (nint)c0 * (TransB ? Ldb : 1), Ldb, Beta, C + (nint)r0 * Ldc + c0, Ldc);

        /// <summary>Matrix <paramref name="i"/> of a batch.</summary>
        public Operands Batch(int i, int strideA, int strideB, int strideC) => new(
            TransA, TransB, M, N, K, Alpha,
            A + (nint)i * strideA, Lda, B + (nint)i * strideB, Ldb, Beta, C + (nint)i * strideC, Ldc);
    }
}
