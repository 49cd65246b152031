using System.Numerics.Tensors;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>The matrix products of the fused recurrent kernels: input projections over all timesteps, and the per-step ones.</summary>
internal static unsafe class RecurrentProjection
{
    /// <summary>gates (batch·timesteps, width) = x · kernel + bias (bias empty: none), multi-threaded.</summary>
    public static void Inputs(in RecurrentSequence s, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, int width, Span<float> gates)
    {
        if (!bias.IsEmpty)
        {
            for (var r = 0; r < s.Rows; r++) bias.CopyTo(gates.Slice(r * width, width));
        }
        Sgemm.Multiply(false, false, s.Rows, width, s.InputDim, 1f, x, s.InputDim, kernel, width, bias.IsEmpty ? 0f : 1f, gates, width);
    }

    /// <summary>dx = dGates · kernelᵀ, dKernel = xᵀ · dGates, dBias = column sums of dGates (each skipped when empty).</summary>
    public static void Gradients(in RecurrentSequence s, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> dGates, int width,
        Span<float> dx, Span<float> dKernel, Span<float> dBias)
    {
        if (!dx.IsEmpty) Sgemm.Multiply(false, true, s.Rows, s.InputDim, width, 1f, dGates, width, kernel, width, 0f, dx, s.InputDim);
        if (!dKernel.IsEmpty) Sgemm.Multiply(true, false, s.InputDim, width, s.Rows, 1f, x, s.InputDim, dGates, width, 0f, dKernel, width);
        if (!dBias.IsEmpty) ColumnSums(dGates, s.Rows, width, dBias);
    }

    /// <summary>target = the columns' sums of a (rows, width) matrix.</summary>
    public static void ColumnSums(ReadOnlySpan<float> m, int rows, int width, Span<float> target)
    {
        target.Clear();
        for (var r = 0; r < rows; r++) TensorPrimitives.Add(target, m.Slice(r * width, width), target);
    }

    /// <summary>A state gradient's starting value: the upstream gradient, or zeros when there is none.</summary>
    public static void Seed(ReadOnlySpan<float> upstream, Span<float> target)
    {
        if (upstream.IsEmpty) target.Clear();
        else upstream.CopyTo(target);
    }

    /// <summary>
    /// C = A · op(B) + beta·C on the calling thread (A: rows×k, op(B): k×n), for one step of a band of rows; the threads already
    /// split the batch, so the product must not fork again.
    /// </summary>
    public static void Product(bool transB, int rows, int n, int k, float* a, int lda, float* b, int ldb, float* c, int ldc, float beta)
    {
        if (rows == 0) return;
        var aLength = (rows - 1) * lda + k;
        var bLength = transB ? (n - 1) * ldb + k : (k - 1) * ldb + n;
        var cLength = (rows - 1) * ldc + n;
        Sgemm.Multiply(false, transB, rows, n, k, 1f, new ReadOnlySpan<float>(a, aLength), lda, new ReadOnlySpan<float>(b, bLength), ldb,
            beta, new Span<float>(c, cLength), ldc, Sgemm.BestKernel, 1);
    }
}
