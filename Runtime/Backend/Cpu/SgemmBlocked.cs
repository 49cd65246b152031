using System.Numerics.Tensors;

namespace NotebookKeras.Runtime.Backend.Cpu;

internal static unsafe partial class Sgemm
{
    // Work items per thread in the parallel phase: a few, so a core slowed by other processes hands work to the other.
    private const int ItemsPerThread = 2;

    /// <summary>
    /// The packed, cache-blocked path. For each NC-column block of op(B) and each KC-deep slice: pack the KC×NC block
    /// of op(B) once (shared by all threads), then split the rows (and, for few rows, the columns) into work items;
    /// each packs its MC×KC blocks of op(A) into a per-thread buffer and runs the micro-kernel over its tiles.
    /// </summary>
    private static void Packed(in Operands g, SgemmKernel kernel, int threads)
    {
        var blk = SgemmBlocking.For(kernel);
        // Even splits, so no block is a thin sliver.
        var kcStep = CeilDiv(g.K, CeilDiv(g.K, blk.KC));
        var ncStep = RoundUp(CeilDiv(g.N, CeilDiv(g.N, blk.NC)), blk.NR);
        var bBuffer = SgemmBuffers.RentB(kcStep * ncStep);
        try
        {
            var bPacked = SgemmBuffers.Aligned(bBuffer);
            for (var jc = 0; jc < g.N; jc += ncStep)
            {
                var nc = Math.Min(ncStep, g.N - jc);
                for (var pc = 0; pc < g.K; pc += kcStep)
                {
                    var kc = Math.Min(kcStep, g.K - pc);
                    // Later k slices accumulate onto the first one's result.
                    var beta = pc == 0 ? g.Beta : 1f;
                    var block = new Block(jc, nc, pc, kc, beta, bPacked);
                    if (threads <= 1)
                    {
                        SgemmPacking.PackB(g.TransB, g.B, g.Ldb, pc, kc, jc, nc, blk.NR, bPacked, 0, CeilDiv(nc, blk.NR));
                        ComputeRange(g, kernel, blk, block, 0, g.M, 0, nc);
                    }
                    else
                    {
                        ParallelBlock(g, kernel, blk, block, threads);
                    }
                }
            }
        }
        finally
        {
            SgemmBuffers.ReturnB(bBuffer);
        }
    }

    private static void ParallelBlock(Operands g, SgemmKernel kernel, SgemmBlocking blk, Block block, int threads)
    {
        var nPanels = CeilDiv(block.Nc, blk.NR);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, Math.Min(threads, nPanels), options, t =>
        {
            int start = t * nPanels / threads, end = (t + 1) * nPanels / threads;
            SgemmPacking.PackB(g.TransB, g.B, g.Ldb, block.Pc, block.Kc, block.Jc, block.Nc, blk.NR, block.BPacked, start, end);
        });

        // Rows first: splitting columns makes every item pack the same rows of op(A).
        var mPanels = CeilDiv(g.M, blk.MR);
        var target = threads * ItemsPerThread;
        var rowItems = Math.Min(mPanels, target);
        var colItems = Math.Min(nPanels, CeilDiv(target, rowItems));
        Parallel.For(0, rowItems * colItems, options, item =>
        {
            int ri = item / colItems, ci = item % colItems;
            var r0 = ri * mPanels / rowItems * blk.MR;
            var r1 = Math.Min(g.M, (ri + 1) * mPanels / rowItems * blk.MR);
            var c0 = ci * nPanels / colItems * blk.NR;
            var c1 = Math.Min(block.Nc, (ci + 1) * nPanels / colItems * blk.NR);
            ComputeRange(g, kernel, blk, block, r0, r1, c0, c1);
        });
    }

    /// <summary>Rows [r0, r1) and block columns [c0, c1) of one packed op(B) block: pack op(A) by MC rows, run the tiles.</summary>
    private static void ComputeRange(in Operands g, SgemmKernel kernel, SgemmBlocking blk, in Block block, int r0, int r1, int c0, int c1)
    {
        int mrMax = blk.MR, nrMax = blk.NR, kc = block.Kc;
        var aBuffer = SgemmBuffers.RentA(Math.Min(blk.MC, RoundUp(r1 - r0, mrMax)) * kc);
        var aPacked = SgemmBuffers.Aligned(aBuffer);
        var tile = stackalloc float[mrMax * nrMax];
        for (var ic = r0; ic < r1; ic += blk.MC)
        {
            var mc = Math.Min(blk.MC, r1 - ic);
            SgemmPacking.PackA(g.TransA, g.A, g.Lda, ic, mc, block.Pc, kc, mrMax, aPacked);
            for (var jr = c0; jr < c1; jr += nrMax)
            {
                var nr = Math.Min(nrMax, c1 - jr);
                var bPanel = block.BPacked + (nint)jr * kc;
                for (var ir = 0; ir < mc; ir += mrMax)
                {
                    var mr = Math.Min(mrMax, mc - ir);
                    var aPanel = aPacked + (nint)ir * kc;
                    var c = g.C + (nint)(ic + ir) * g.Ldc + block.Jc + jr;
                    if (mr == mrMax && nr == nrMax)
                    {
                        MicroKernel(kernel, kc, aPanel, bPanel, c, g.Ldc, g.Alpha, block.Beta);
                    }
                    else
                    {
                        // Edge tile: compute the full tile (padding is zero) aside, write back only the part inside C.
                        MicroKernel(kernel, kc, aPanel, bPanel, tile, nrMax, 1f, 0f);
                        WriteTile(tile, nrMax, c, g.Ldc, mr, nr, g.Alpha, block.Beta);
                    }
                }
            }
        }
        SgemmBuffers.ReturnA(aBuffer);
    }

    private static void MicroKernel(SgemmKernel kernel, int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        if (kernel == SgemmKernel.Vector512) SgemmMicroKernel.Kernel14x32(kc, a, b, c, ldc, alpha, beta);
        else SgemmMicroKernel.Kernel6x16(kc, a, b, c, ldc, alpha, beta);
    }

    /// <summary>C[:mr, :nr] = alpha * tile + beta * C (beta == 0: C not read); the tile is scratch.</summary>
    private static void WriteTile(float* tile, int ldt, float* c, int ldc, int mr, int nr, float alpha, float beta)
    {
        for (var r = 0; r < mr; r++)
        {
            var t = new Span<float>(tile + (nint)r * ldt, nr);
            var cRow = new Span<float>(c + (nint)r * ldc, nr);
            if (alpha != 1) TensorPrimitives.Multiply(t, alpha, t);
            if (beta == 0) t.CopyTo(cRow);
            else TensorPrimitives.MultiplyAdd(cRow, beta, t, cRow);
        }
    }

    private static int CeilDiv(int x, int y) => (x + y - 1) / y;

    private static int RoundUp(int x, int multiple) => CeilDiv(x, multiple) * multiple;

    /// <summary>One KC×NC block of packed op(B) and where it sits: columns [Jc, Jc + Nc), k slice [Pc, Pc + Kc).</summary>
    private readonly struct Block(int jc, int nc, int pc, int kc, float beta, float* bPacked)
    {
        public readonly int Jc = jc, Nc = nc, Pc = pc, Kc = kc;
        public readonly float Beta = beta;
        public readonly float* BPacked = bPacked;
    }
}
