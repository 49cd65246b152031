using System.Numerics.Tensors;

namespace NotebookKeras.Runtime.Backend.Cpu;

internal static unsafe partial class Sgemm
{
    // Work items per thread in a parallel phase: several, so a core slowed by other processes hands work to the other.
    private const int ItemsPerThread = 4;

    // Most floats of op(B) the parallel path packs between two fork-joins (16 MB): all of k for k up to 4096.
    private const int ParallelPackLimit = 4 << 20;

    // Packing a float of op(A) (a transpose, for the usual untransposed A) costs about twice streaming one of packed op(B).
    private const int AWeight = 2;

    /// <summary>
    /// The packed, cache-blocked path, over NC-column blocks of op(B) (a KC×NC slice fits in half of L2). One thread
    /// packs each KC-deep slice of a block just before using it, while it is hot. Several threads pack all the slices
    /// of a block up front (up to 16 MB of them), shared, then split the rows (and, for few rows, the columns) into
    /// work items handed out dynamically: two fork-joins per block. Either way a work range runs, per k slice:
    /// pack MC×KC blocks of op(A), then each MR-row panel of it (kept in L1) against the slice's NR-column panels
    /// (streamed from L2).
    /// </summary>
    private static void Packed(in Operands g, SgemmKernel kernel, int threads)
    {
        var blk = SgemmBlocking.For(kernel);
        // Even splits, so no block is a thin sliver.
        var kcStep = CeilDiv(g.K, CeilDiv(g.K, blk.KC));
        var ncStep = RoundUp(CeilDiv(g.N, CeilDiv(g.N, blk.NC)), blk.NR);
        // The parallel path packs several k slices at once, up to the limit; one thread packs one slice at a time.
        var kGroup = threads > 1 ? Math.Min(g.K, Math.Max(1, ParallelPackLimit / ncStep / kcStep) * kcStep) : kcStep;
        var bBuffer = SgemmBuffers.RentB(kGroup * ncStep);
        try
        {
            var bPacked = SgemmBuffers.Aligned(bBuffer);
            for (var jc = 0; jc < g.N; jc += ncStep)
            {
                var nc = Math.Min(ncStep, g.N - jc);
                for (var pc = 0; pc < g.K; pc += kGroup)
                {
                    var block = new Block(jc, nc, pc, Math.Min(g.K, pc + kGroup), kcStep, bPacked);
                    if (threads > 1)
                    {
                        ParallelBlock(g, kernel, blk, block, threads);
                    }
                    else
                    {
                        PackB(g, blk, block, 0, block.Units(blk.NR));
                        ComputeRange(g, kernel, blk, block, 0, g.M, 0, nc);
                    }
                }
            }
        }
        finally
        {
            SgemmBuffers.ReturnB(bBuffer);
        }
    }

    private static void ParallelBlock(in Operands g, SgemmKernel kernel, SgemmBlocking blk, in Block block, int threads)
    {
        var units = block.Units(blk.NR);
        var pack = t_packJob ??= new PackJob();
        pack.Set(g, blk, block, units, Math.Min(units, threads * ItemsPerThread));
        SgemmTeam.Run(pack, pack.Parts, threads);

        var mPanels = CeilDiv(g.M, blk.MR);
        var nPanels = CeilDiv(block.Nc, blk.NR);
        var (rowItems, colItems) = SplitItems(mPanels * blk.MR, nPanels * blk.NR, mPanels, nPanels, threads);
        var compute = t_computeJob ??= new ComputeJob();
        compute.Set(g, kernel, blk, block, mPanels, nPanels, rowItems, colItems);
        SgemmTeam.Run(compute, rowItems * colItems, threads);
    }

    /// <summary>
    /// A grid of about <see cref="ItemsPerThread"/> work items per thread over an m×n block. Each item streams its
    /// columns of packed op(B) and packs its rows of op(A), so the grid minimizing colItems * m * AWeight + rowItems * n
    /// moves the least data (a square product splits both ways, one with few rows splits its columns); that cost is
    /// scaled by the load imbalance of handing out rows * cols items to the threads.
    /// </summary>
    private static (int Rows, int Cols) SplitItems(int m, int n, int mPanels, int nPanels, int threads)
    {
        var target = threads * ItemsPerThread;
        (int Rows, int Cols) best = (1, 1);
        var bestCost = double.MaxValue;
        for (var rows = 1; rows <= Math.Min(mPanels, target); rows++)
        {
            var cols = Math.Min(nPanels, CeilDiv(target, rows));
            var items = rows * cols;
            var cost = ((double)cols * m * AWeight + (double)rows * n) * CeilDiv(items, threads) * threads / items;
            if (cost <= bestCost) (best, bestCost) = ((rows, cols), cost);
        }
        return best;
    }

    // Per calling thread, so a product never allocates its jobs; the team runs one job at a time.
    [ThreadStatic] private static PackJob? t_packJob;
    [ThreadStatic] private static ComputeJob? t_computeJob;

    /// <summary>Packing a block of op(B) in Parts even shares of its units.</summary>
    private sealed class PackJob : SgemmTeam.Job
    {
        private Operands _g;
        private SgemmBlocking _blk;
        private Block _block;
        private int _units;

        public int Parts { get; private set; }

        public void Set(in Operands g, SgemmBlocking blk, in Block block, int units, int parts) =>
            (_g, _blk, _block, _units, Parts) = (g, blk, block, units, parts);

        public override void Run(int item) =>
            PackB(_g, _blk, _block, (int)((long)item * _units / Parts), (int)((long)(item + 1) * _units / Parts));
    }

    /// <summary>The tiles of a packed block of op(B), split into rowItems × colItems ranges of whole panels.</summary>
    private sealed class ComputeJob : SgemmTeam.Job
    {
        private Operands _g;
        private SgemmKernel _kernel;
        private SgemmBlocking _blk;
        private Block _block;
        private int _mPanels, _nPanels, _rowItems, _colItems;

        public void Set(in Operands g, SgemmKernel kernel, SgemmBlocking blk, in Block block, int mPanels, int nPanels, int rowItems, int colItems) =>
            (_g, _kernel, _blk, _block, _mPanels, _nPanels, _rowItems, _colItems) = (g, kernel, blk, block, mPanels, nPanels, rowItems, colItems);

        public override void Run(int item)
        {
            int ri = item / _colItems, ci = item % _colItems;
            var r0 = ri * _mPanels / _rowItems * _blk.MR;
            var r1 = Math.Min(_g.M, (ri + 1) * _mPanels / _rowItems * _blk.MR);
            var c0 = ci * _nPanels / _colItems * _blk.NR;
            var c1 = Math.Min(_block.Nc, (ci + 1) * _nPanels / _colItems * _blk.NR);
            ComputeRange(_g, _kernel, _blk, _block, r0, r1, c0, c1);
        }
    }

    /// <summary>Packs units [start, end) of a block of op(B); unit u is panel u % panels of the block's k slice u / panels.</summary>
    private static void PackB(in Operands g, SgemmBlocking blk, in Block block, int start, int end)
    {
        var panels = CeilDiv(block.Nc, blk.NR);
        while (start < end)
        {
            var pc = block.Pc0 + start / panels * block.KcStep;
            var first = start % panels;
            var last = Math.Min(panels, first + (end - start));
            var kc = Math.Min(block.KcStep, block.PcEnd - pc);
            SgemmPacking.PackB(g.TransB, g.B, g.Ldb, pc, kc, block.Jc, block.Nc, blk.NR, block.Slice(pc, blk.NR), first, last);
            start += last - first;
        }
    }

    /// <summary>
    /// Rows [r0, r1) and block columns [c0, c1) of a packed block of op(B): per k slice, pack op(A) by MC rows, then run
    /// the tiles row panel by row panel, so a panel of A stays in L1 while the slice of B streams from L2.
    /// </summary>
    private static void ComputeRange(in Operands g, SgemmKernel kernel, SgemmBlocking blk, in Block block, int r0, int r1, int c0, int c1)
    {
        int mrMax = blk.MR, nrMax = blk.NR;
        var aBuffer = SgemmBuffers.RentA(Math.Min(blk.MC, RoundUp(r1 - r0, mrMax)) * block.KcStep);
        var aPacked = SgemmBuffers.Aligned(aBuffer);
        var tile = stackalloc float[mrMax * nrMax];
        for (var pc = block.Pc0; pc < block.PcEnd; pc += block.KcStep)
        {
            var kc = Math.Min(block.KcStep, block.PcEnd - pc);
            var bSlice = block.Slice(pc, nrMax);
            // Later k slices accumulate onto the first one's result.
            var beta = pc == 0 ? g.Beta : 1f;
            for (var ic = r0; ic < r1; ic += blk.MC)
            {
                var mc = Math.Min(blk.MC, r1 - ic);
                SgemmPacking.PackA(g.TransA, g.A, g.Lda, ic, mc, pc, kc, mrMax, aPacked);
                for (var ir = 0; ir < mc; ir += mrMax)
                {
                    var mr = Math.Min(mrMax, mc - ir);
                    var aPanel = aPacked + (nint)ir * kc;
                    var cRow = g.C + (nint)(ic + ir) * g.Ldc + block.Jc;
                    for (var jr = c0; jr < c1; jr += nrMax)
                    {
                        var nr = Math.Min(nrMax, c1 - jr);
                        var bPanel = bSlice + (nint)jr * kc;
                        if (nr == nrMax)
                        {
                            SgemmMicroKernel.Run(kernel, mr, kc, aPanel, bPanel, cRow + jr, g.Ldc, g.Alpha, beta);
                        }
                        else
                        {
                            // Right edge: compute a full-width tile (the panel's padding is zero) aside, write back the part inside C.
                            SgemmMicroKernel.Run(kernel, mr, kc, aPanel, bPanel, tile, nrMax, 1f, 0f);
                            WriteTile(tile, nrMax, cRow + jr, g.Ldc, mr, nr, g.Alpha, beta);
                        }
                    }
                }
            }
        }
        SgemmBuffers.ReturnA(aBuffer);
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

    /// <summary>
    /// Rows [Pc0, PcEnd) and columns [Jc, Jc + Nc) of op(B), packed slice by slice along k: the slice starting at row pc
    /// (KcStep rows, fewer for the last) sits at BPacked + (pc - Pc0) * Nc rounded up to whole panels.
    /// </summary>
    private readonly struct Block(int jc, int nc, int pc0, int pcEnd, int kcStep, float* bPacked)
    {
        public readonly int Jc = jc, Nc = nc, Pc0 = pc0, PcEnd = pcEnd, KcStep = kcStep;
        public readonly float* BPacked = bPacked;

        public float* Slice(int pc, int nr) => BPacked + (nint)(pc - Pc0) * RoundUp(Nc, nr);

        /// <summary>Packing units: every panel of every k slice.</summary>
        public int Units(int nr) => CeilDiv(PcEnd - Pc0, KcStep) * CeilDiv(Nc, nr);
    }
}
