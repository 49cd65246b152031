using System.Numerics.Tensors;

namespace NotebookKeras.Runtime.Backend.Cpu;

internal static unsafe partial class Sgemm
{
    /// <summary>The small path over several threads (thin products, or CPUs without a micro-kernel): rows split, or columns when rows are few.</summary>
    private static void SmallParallel(in Operands g, int threads)
    {
        var job = t_smallJob ??= new SmallJob();
        var byRows = g.M >= 2 * threads;
        job.Set(g, byRows, Math.Min(byRows ? g.M : CeilDiv(g.N, 64), threads * ItemsPerThread));
        SgemmTeam.Run(job, job.Items, threads);
    }

    [ThreadStatic] private static SmallJob? t_smallJob;

    /// <summary>Even bands of rows (or of columns, in multiples of 16) of a product, for the small path.</summary>
    private sealed class SmallJob : SgemmTeam.Job
    {
        private Operands _g;
        private bool _byRows;

        public int Items { get; private set; }

        public void Set(in Operands g, bool byRows, int items) => (_g, _byRows, Items) = (g, byRows, items);

        public override void Run(int item)
        {
            if (_byRows)
            {
                Small(_g.Block((int)((long)item * _g.M / Items), (int)((long)(item + 1) * _g.M / Items), 0, _g.N));
                return;
            }
            var c0 = Math.Min(_g.N, RoundUp((int)((long)item * _g.N / Items), 16));
            var c1 = item == Items - 1 ? _g.N : Math.Min(_g.N, RoundUp((int)((long)(item + 1) * _g.N / Items), 16));
            if (c0 < c1) Small(_g.Block(0, _g.M, c0, c1));
        }
    }

    /// <summary>
    /// Products too small (or too thin) to pay for packing, and CPUs without a micro-kernel: row-by-row loops,
    /// vectorized by TensorPrimitives whenever op(B)'s rows or both operands' k axes are contiguous.
    /// </summary>
    private static void Small(in Operands g)
    {
        int m = g.M, n = g.N, k = g.K;
        float alpha = g.Alpha, beta = g.Beta;
        // op(A)[i, p] = A[i * ai + p * ap] and op(B)[p, j] = B[p * bp + j * bj].
        nint ai = g.TransA ? 1 : g.Lda, ap = g.TransA ? g.Lda : 1;
        nint bp = g.TransB ? 1 : g.Ldb, bj = g.TransB ? g.Ldb : 1;
        for (var i = 0; i < m; i++)
        {
            var cRow = new Span<float>(g.C + i * (nint)g.Ldc, n);
            var aRow = g.A + i * ai;
            if (bj == 1 && n >= 8)
            {
                // C row += op(A)[i, p] * op(B) row p, for each p.
                if (beta == 0) cRow.Clear();
                else if (beta != 1) TensorPrimitives.Multiply(cRow, beta, cRow);
                for (var p = 0; p < k; p++)
                    TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(g.B + p * bp, n), alpha * aRow[p * ap], cRow, cRow);
            }
            else if (ap == 1 && bp == 1 && k >= 8)
            {
                // C[i, j] = dot(op(A) row i, op(B) column j): both contiguous along k.
                var a = new ReadOnlySpan<float>(aRow, k);
                for (var j = 0; j < n; j++)
                {
                    var dot = alpha * TensorPrimitives.Dot(a, new ReadOnlySpan<float>(g.B + j * bj, k));
                    cRow[j] = beta == 0 ? dot : dot + beta * cRow[j];
                }
            }
            else
            {
                for (var j = 0; j < n; j++)
                {
                    var bCol = g.B + j * bj;
                    var sum = 0f;
                    for (var p = 0; p < k; p++) sum += aRow[p * ap] * bCol[p * bp];
                    cRow[j] = beta == 0 ? alpha * sum : alpha * sum + beta * cRow[j];
                }
            }
        }
    }
}
