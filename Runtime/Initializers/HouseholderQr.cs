using System.Numerics.Tensors;
using NotebookKeras.Runtime.Backend.Cpu;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>
/// The orthonormal factor of a thin QR decomposition by Householder reflections, for <see cref="Orthogonal"/>. The work is done
/// on the transposed matrix, so each reflector and each column it updates is a contiguous span (vectorized dot and axpy, columns
/// in parallel).
/// </summary>
internal static class HouseholderQr
{
    /// <summary>
    /// For a row-major m x n matrix <paramref name="a"/> (m >= n), Q of A = QR with R's diagonal non-negative (the sign correction
    /// that makes Q unique), returned transposed as a row-major n x m array: row j is column j of Q.
    /// </summary>
    public static float[] OrthonormalFactorTransposed(ReadOnlySpan<float> a, int m, int n)
    {
        if (n < 0 || m < n || a.Length != m * n)
            throw new ArgumentException($"HouseholderQr: need an m x n matrix with m >= n; got m {m}, n {n} and {a.Length} values.");
        // w holds A's columns as rows; reflector k overwrites row k from element k on.
        var w = new float[n * m];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++) w[j * m + i] = a[i * n + j];
        var beta = new float[n];
        var flip = new bool[n];

        for (var k = 0; k < n; k++)
        {
            var v = w.AsSpan(k * m + k, m - k);
            var norm = TensorPrimitives.Norm(v);
            if (norm == 0) continue; // a zero column: no reflection (beta 0), R's diagonal 0
            var x0 = v[0];
            // H = I - beta v v' maps x to alpha e1; alpha of the opposite sign to x0 avoids cancellation in v0 = x0 - alpha.
            var alpha = x0 >= 0 ? -norm : norm;
            v[0] = x0 - alpha;
            beta[k] = 1 / (norm * (norm + Math.Abs(x0))); // 2 / v'v
            flip[k] = alpha < 0;
            var step = k;
            CpuParallel.For(n - k - 1, 2 * (m - k), (start, end) =>
            {
                for (var j = step + 1 + start; j < step + 1 + end; j++) Reflect(w, step * m + step, w, j * m + step, m - step, beta[step]);
            });
        }

        // Q = H0 H1 ... H(n-1) [I; 0], applied to the unit columns from the last reflector back; column j < k is still e_j,
        // which H_k leaves alone.
        var qt = new float[n * m];
        for (var j = 0; j < n; j++) qt[j * m + j] = 1;
        for (var k = n - 1; k >= 0; k--)
        {
            if (beta[k] == 0) continue;
            var step = k;
            CpuParallel.For(n - k, 2 * (m - k), (start, end) =>
            {
                for (var j = step + start; j < step + end; j++) Reflect(w, step * m + step, qt, j * m + step, m - step, beta[step]);
            });
        }

        // Keras's sign correction: Q times sign(diag(R)), column by column.
        for (var k = 0; k < n; k++)
        {
            if (flip[k]) TensorPrimitives.Negate(qt.AsSpan(k * m, m), qt.AsSpan(k * m, m));
        }
        return qt;
    }

    // x -= beta (v . x) v, for the reflector v at vOffset and the column x at xOffset, both of length `length`.
    private static void Reflect(float[] vs, int vOffset, float[] xs, int xOffset, int length, float beta)
    {
        var v = vs.AsSpan(vOffset, length);
        var x = xs.AsSpan(xOffset, length);
        var s = TensorPrimitives.Dot(v, x);
        TensorPrimitives.MultiplyAdd(v, -beta * s, x, x);
    }
}
