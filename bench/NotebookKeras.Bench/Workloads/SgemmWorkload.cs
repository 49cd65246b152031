using NotebookKeras.Runtime.Backend.Cpu;
using TorchSharp;

namespace NotebookKeras.Bench.Workloads;

/// <summary>Square single-precision matrix products: our packed SGEMM against torch.mm (MKL inside LibTorch).</summary>
internal sealed class SgemmWorkload : Workload
{
    private static readonly int[] Sizes = [256, 1024, 2048];

    public override string Name => "sgemm";

    public override string Description => "C = A B for square float32 matrices of 256, 1024 and 2048";

    public override IEnumerable<BenchCase> Cases()
    {
        foreach (var n in Sizes)
        {
            var random = new Random(n);
            var a = RandomMatrix(random, n);
            var b = RandomMatrix(random, n);
            CheckAgreement(n, a, b);
            yield return new BenchCase($"{n}x{n}x{n}", "GFLOP/s", 2.0 * n * n * n / 1e9,
                () => new OursStep(n, a, b), () => new TorchStep(n, a, b));
        }
    }

    private static float[] RandomMatrix(Random random, int n)
    {
        var m = new float[n * n];
        for (var i = 0; i < m.Length; i++) m[i] = random.NextSingle() * 2 - 1;
        return m;
    }

    /// <summary>Both frameworks must compute the same product, or the timing compares nothing.</summary>
    private static void CheckAgreement(int n, float[] a, float[] b)
    {
        using var ours = new OursStep(n, a, b);
        ours.Run();
        using var ta = torch.tensor(a, [n, n]);
        using var tb = torch.tensor(b, [n, n]);
        using var tc = torch.mm(ta, tb);
        var expected = tc.data<float>().ToArray();
        double maxDiff = 0, maxAbs = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(expected[i] - ours.C[i]));
            maxAbs = Math.Max(maxAbs, Math.Abs(expected[i]));
        }
        if (maxDiff > 1e-4 * maxAbs)
            throw new InvalidOperationException($"sgemm {n}: NotebookKeras and TorchSharp differ by {maxDiff:G3} (largest |C| {maxAbs:G3}).");
    }

    private sealed class OursStep(int n, float[] a, float[] b) : IStep
    {
        public float[] C { get; } = new float[n * n];

        public void Run() => Sgemm.Multiply(false, false, n, n, n, 1f, a, n, b, n, 0f, C, n);

        public void Dispose() { }
    }

    private sealed class TorchStep(int n, float[] a, float[] b) : IStep
    {
        private readonly torch.Tensor _a = torch.tensor(a, [n, n]);
        private readonly torch.Tensor _b = torch.tensor(b, [n, n]);

        public void Run()
        {
            using var c = torch.mm(_a, _b);
        }

        public void Dispose()
        {
            _a.Dispose();
            _b.Dispose();
        }
    }
}
