using System.Runtime.Intrinsics.X86;
using NotebookKeras.Runtime.Backend.Cpu;

namespace NotebookKeras.Runtime.Tests.Backend;

/// <summary>
/// SGEMM against a naive double-precision product, for every kernel this CPU runs, serial and parallel. The error
/// bound is relative to the magnitudes summed (|alpha| Σ|a||b| + |beta c|): float rounding grows with those, not
/// with the result, which cancellation can make arbitrarily small.
/// </summary>
public class SgemmTests
{
    private const double Tolerance = 1e-4;

    /// <summary>The kernels this machine supports; the scalar path always.</summary>
    private static IEnumerable<SgemmKernel> Kernels()
    {
        yield return SgemmKernel.Scalar;
        if (Avx2.IsSupported && Fma.IsSupported) yield return SgemmKernel.Vector256;
        if (Avx512F.IsSupported) yield return SgemmKernel.Vector512;
    }

    // Sizes around the tile (MR 14/6, NR 32/16) and cache-block (MC, KC 256, NC) edges, odd ones, and thin ones.
    private static readonly (int M, int N, int K)[] Sizes =
    [
        (1, 1, 1), (3, 5, 7), (17, 33, 65), (130, 257, 31), (14, 32, 256), (15, 33, 257), (13, 31, 255),
        (6, 16, 300), (29, 47, 513), (4, 4100, 3), (300, 9, 40), (2, 700, 60), (281, 65, 129),
    ];

    public static IEnumerable<object[]> Cases()
    {
        foreach (var kernel in Kernels())
            foreach (var (m, n, k) in Sizes)
                foreach (var transA in new[] { false, true })
                    foreach (var transB in new[] { false, true })
                        yield return [kernel.ToString(), transA, transB, m, n, k];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesDoublePrecisionReference(string kernelName, bool transA, bool transB, int m, int n, int k)
    {
        var kernel = Enum.Parse<SgemmKernel>(kernelName);
        var random = new Random(m * 10007 + n * 101 + k);
        var p = Problem.Create(random, transA, transB, m, n, k, padding: 0);
        var expected = p.Reference();
        foreach (var threads in new[] { 1, 2 })
        {
            var c = p.Output(float.NaN);
            Sgemm.Multiply(transA, transB, m, n, k, 1f, p.A, p.Lda, p.B, p.Ldb, 0f, c, p.Ldc, kernel, threads);
            expected.AssertMatches(c, 1f, 0f, $"{kernel} {threads} thread(s)");
        }
    }

    public static IEnumerable<object[]> AlphaBetaCases()
    {
        foreach (var kernel in Kernels())
            foreach (var (alpha, beta) in new[] { (1f, 0f), (1f, 1f), (0.75f, 0.5f), (-2f, 1f), (0f, 0.5f), (0f, 0f) })
                foreach (var trans in new[] { false, true })
                    yield return [kernel.ToString(), alpha, beta, trans];
    }

    [Theory]
    [MemberData(nameof(AlphaBetaCases))]
    public void AppliesAlphaAndBetaWithStridedRows(string kernelName, float alpha, float beta, bool trans)
    {
        // Strided rows (ld > row length) and a product large enough for the parallel packed path.
        const int M = 101, N = 71, K = 300;
        var kernel = Enum.Parse<SgemmKernel>(kernelName);
        var random = new Random(7);
        var p = Problem.Create(random, trans, !trans, M, N, K, padding: 5);
        var expected = p.Reference();
        foreach (var threads in new[] { 1, 2 })
        {
            // beta == 0 must ignore C entirely, NaN included; the padding between rows must stay untouched.
            var c = p.Output(beta == 0 ? float.NaN : 0f, random);
            var before = (float[])c.Clone();
            Sgemm.Multiply(trans, !trans, M, N, K, alpha, p.A, p.Lda, p.B, p.Ldb, beta, c, p.Ldc, kernel, threads);
            expected.AssertMatches(c, alpha, beta, $"{kernel} alpha {alpha} beta {beta} {threads} thread(s)", before);
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void BatchedBroadcastsStrideZero(bool transA, bool transB)
    {
        const int Batch = 5, M = 9, N = 20, K = 11;
        var random = new Random(3);
        // One A shared by every product (stride 0), a B per product.
        var a = Problem.Create(random, transA, transB, M, N, K, padding: 0);
        var bs = Enumerable.Range(0, Batch).Select(_ => Problem.Create(random, transA, transB, M, N, K, padding: 0)).ToArray();
        var b = bs.SelectMany(x => x.B).ToArray();
        var strideB = bs[0].B.Length;
        foreach (var (kernel, threads) in Kernels().SelectMany(kern => new[] { (kern, 1), (kern, 2) }))
        {
            var c = Enumerable.Repeat(float.NaN, Batch * M * N).ToArray();
            Sgemm.MultiplyBatched(Batch, transA, transB, M, N, K, 1f, a.A, a.Lda, 0, b, bs[0].Ldb, strideB, 0f, c, N, M * N, kernel, threads);
            for (var i = 0; i < Batch; i++)
            {
                var expected = a with { B = bs[i].B };
                expected.AssertMatches(c.AsSpan(i * M * N, M * N).ToArray(), 1f, 0f, $"{kernel} {threads} thread(s), batch item {i}");
            }
        }
    }

    [Fact]
    public void BatchedLargeProductsMatchOneByOne()
    {
        const int Batch = 3, M = 70, N = 150, K = 260;
        var random = new Random(5);
        var ps = Enumerable.Range(0, Batch).Select(_ => Problem.Create(random, false, true, M, N, K, padding: 0)).ToArray();
        var c = new float[Batch * M * N];
        Sgemm.MultiplyBatched(Batch, false, true, M, N, K, 1f, ps.SelectMany(p => p.A).ToArray(), K, M * K,
            ps.SelectMany(p => p.B).ToArray(), K, N * K, 0f, c, N, M * N);
        for (var i = 0; i < Batch; i++) ps[i].AssertMatches(c.AsSpan(i * M * N, M * N).ToArray(), 1f, 0f, $"batch item {i}");
    }

    [Theory]
    [InlineData(5, false, false)]
    [InlineData(5, true, true)]
    [InlineData(2, false, true)]
    public void DeepThinProductsSplitColumnsAndPackingGroups(int m, bool transA, bool transB)
    {
        // Few rows (the threads split columns; under 4 rows, on the small path) and k x n past what the
        // parallel path packs at once.
        const int N = 1030, K = 4200;
        var p = Problem.Create(new Random(11), transA, transB, m, N, K, padding: 0);
        var c = p.Output(float.NaN);
        Sgemm.Multiply(transA, transB, m, N, K, 1f, p.A, p.Lda, p.B, p.Ldb, 0f, c, p.Ldc, Sgemm.BestKernel, 2);
        p.AssertMatches(c, 1f, 0f, "parallel");
    }

    [Fact]
    public void ConcurrentCallersGetTheirOwnResults()
    {
        // Products from several threads at once: one gets the worker team, the others run on their own thread.
        var problems = Enumerable.Range(0, 4).Select(i => Problem.Create(new Random(20 + i), i % 2 == 0, i >= 2, 150, 140, 130 + i, padding: 0)).ToArray();
        var outputs = problems.Select(p => p.Output(float.NaN)).ToArray();
        Parallel.For(0, problems.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var p = problems[i];
            for (var rep = 0; rep < 5; rep++)
                Sgemm.Multiply(p.TransA, p.TransB, p.M, p.N, p.K, 1f, p.A, p.Lda, p.B, p.Ldb, 0f, outputs[i], p.Ldc, Sgemm.BestKernel, 2);
        });
        for (var i = 0; i < problems.Length; i++) problems[i].AssertMatches(outputs[i], 1f, 0f, $"caller {i}");
    }

    [Fact]
    public void ZeroDepthScalesC()
    {
        var c = new[] { 1f, 2f, 3f, 4f };
        Sgemm.Multiply(false, false, 2, 2, 0, 1f, [], 0, [], 2, 0.5f, c, 2);
        Assert.Equal([0.5f, 1f, 1.5f, 2f], c);
        var nan = new[] { float.NaN, float.NaN };
        Sgemm.Multiply(false, false, 1, 2, 0, 1f, [], 0, [], 2, 0f, nan, 2);
        Assert.Equal([0f, 0f], nan);
    }

    [Theory]
    [InlineData(64, 64, 64)]
    [InlineData(300, 200, 300)]
    public void SteadyStateDoesNotAllocate(int m, int n, int k)
    {
        var random = new Random(1);
        var p = Problem.Create(random, false, false, m, n, k, padding: 0);
        var c = new float[m * n];
        void Run() => Sgemm.Multiply(false, false, m, n, k, 1f, p.A, p.Lda, p.B, p.Ldb, 0f, c, n, Sgemm.BestKernel, 1);
        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 5; i++) Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ParallelSteadyStateDoesNotAllocate()
    {
        // The calling thread packs and computes too; its buffers and the team's jobs are reused from call to call.
        const int M = 512, N = 512, K = 512;
        var random = new Random(2);
        var p = Problem.Create(random, false, false, M, N, K, padding: 0);
        var c = new float[M * N];
        void Run() => Sgemm.Multiply(false, false, M, N, K, 1f, p.A, p.Lda, p.B, p.Ldb, 0f, c, N, Sgemm.BestKernel, 2);
        Run();
        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 3; i++) Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ShortSpansAndBadStridesAreClearErrors()
    {
        var e = Assert.Throws<ArgumentException>(() => Sgemm.Multiply(false, false, 3, 4, 5, 1f, new float[14], 5, new float[20], 4, 0f, new float[12], 4));
        Assert.Contains("A (3x5", e.Message);
        Assert.Contains("15", e.Message);
        e = Assert.Throws<ArgumentException>(() => Sgemm.Multiply(false, true, 3, 4, 5, 1f, new float[15], 5, new float[20], 4, 0f, new float[12], 4));
        Assert.Contains("row stride of B is 4", e.Message);
        e = Assert.Throws<ArgumentException>(() => Sgemm.MultiplyBatched(2, false, false, 3, 4, 5, 1f, new float[15], 5, 0, new float[20], 4, 0, 0f, new float[24], 4, 0));
        Assert.Contains("overlap", e.Message);
    }

    /// <summary>Random operands stored as the transpose flags say, rows padded by <c>padding</c> elements.</summary>
    private sealed record Problem(bool TransA, bool TransB, int M, int N, int K, float[] A, int Lda, float[] B, int Ldb, int Ldc)
    {
        public static Problem Create(Random random, bool transA, bool transB, int m, int n, int k, int padding)
        {
            int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
            int lda = aCols + padding, ldb = bCols + padding;
            return new Problem(transA, transB, m, n, k, Fill(random, aRows * lda), lda, Fill(random, bRows * ldb), ldb, n + padding);
        }

        /// <summary>An output buffer: every element <paramref name="value"/>, or random when a generator is given.</summary>
        public float[] Output(float value, Random? random = null)
        {
            var c = new float[M * Ldc];
            for (var i = 0; i < c.Length; i++) c[i] = random is null || float.IsNaN(value) ? value : random.NextSingle() * 2 - 1;
            return c;
        }

        /// <summary>op(A) op(B) in double precision, with the magnitudes Σ|a||b| that bound the float rounding.</summary>
        public Reference Reference()
        {
            // op(A) rows and op(B) columns copied out contiguous, so the K-long dot products below stay cheap.
            var a = new double[M * K];
            var bt = new double[N * K];
            for (var i = 0; i < M; i++)
                for (var p = 0; p < K; p++) a[i * K + p] = A[TransA ? p * Lda + i : i * Lda + p];
            for (var j = 0; j < N; j++)
                for (var p = 0; p < K; p++) bt[j * K + p] = B[TransB ? j * Ldb + p : p * Ldb + j];
            var sum = new double[M * N];
            var magnitude = new double[M * N];
            for (var i = 0; i < M; i++)
            {
                for (var j = 0; j < N; j++)
                {
                    double s = 0, abs = 0;
                    for (var p = 0; p < K; p++)
                    {
                        var prod = a[i * K + p] * bt[j * K + p];
                        s += prod;
                        abs += Math.Abs(prod);
                    }
                    sum[i * N + j] = s;
                    magnitude[i * N + j] = abs;
                }
            }
            return new Reference(this, sum, magnitude);
        }

        /// <summary>Checks C = alpha * op(A) op(B) + beta * C0 against the reference (one C, one reference).</summary>
        public void AssertMatches(float[] c, float alpha, float beta, string because, float[]? before = null) =>
            Reference().AssertMatches(c, alpha, beta, because, before);

        private static float[] Fill(Random random, int length)
        {
            var x = new float[length];
            for (var i = 0; i < x.Length; i++) x[i] = random.NextSingle() * 2 - 1;
            return x;
        }
    }

    /// <summary>The exact product of a <see cref="Problem"/>, to check any number of computed outputs against.</summary>
    private sealed record Reference(Problem Problem, double[] Sum, double[] Magnitude)
    {
        /// <summary>C = alpha * op(A) op(B) + beta * C0 within the rounding bound; the padding of C's rows untouched.</summary>
        public void AssertMatches(float[] c, float alpha, float beta, string because, float[]? before = null)
        {
            var (m, n, ldc) = (Problem.M, Problem.N, Problem.Ldc);
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var c0 = before is null || beta == 0 ? 0 : before[i * ldc + j];
                    var expected = alpha * Sum[i * n + j] + beta * c0;
                    var bound = Tolerance * (Math.Abs(alpha) * Magnitude[i * n + j] + Math.Abs(beta * c0)) + 1e-6;
                    var actual = c[i * ldc + j];
                    if (!(Math.Abs(actual - expected) <= bound))
                    {
                        Assert.Fail($"{because}: {(Problem.TransA ? "Aᵀ" : "A")}{(Problem.TransB ? "Bᵀ" : "B")} {m}x{n}x{Problem.K}, " +
                            $"C[{i}, {j}] = {actual}, expected {expected} (bound {bound:G3})");
                    }
                }
                for (var j = n; j < ldc; j++)
                {
                    if (before is not null && BitConverter.SingleToInt32Bits(c[i * ldc + j]) != BitConverter.SingleToInt32Bits(before[i * ldc + j]))
                        Assert.Fail($"{because}: padding C[{i}, {j}] was overwritten");
                }
            }
        }
    }
}
