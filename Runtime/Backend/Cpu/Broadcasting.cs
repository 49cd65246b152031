namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Drives element-wise kernels over NumPy-broadcast operands. Shapes are first right-aligned and adjacent axes that broadcast the
/// same way are merged, so the common cases (same shape, scalar, bias row, per-channel column) reach the vector kernel as long runs.
/// </summary>
internal static class Broadcasting
{
    /// <summary>z = op(x, y) where x and y broadcast to <paramref name="zDims"/> (the caller has checked compatibility).</summary>
    public static void Binary<TOp>(
        ReadOnlySpan<float> x, ReadOnlySpan<int> xDims,
        ReadOnlySpan<float> y, ReadOnlySpan<int> yDims,
        Span<float> z, ReadOnlySpan<int> zDims)
        where TOp : struct, IBinaryOperator
    {
        if (z.Length == 0) return;
        if (x.Length == z.Length && y.Length == z.Length)
        {
            RunFlat<TOp>(x, y, z);
            return;
        }
        var plan = Plan.Create(xDims, yDims, zDims);
        Run<TOp>(plan, x, y, z);
    }

    // Same-shape fast path, split across cores for large tensors.
    private static void RunFlat<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z)
        where TOp : struct, IBinaryOperator
    {
        if (z.Length < 262_144)
        {
            TOp.Apply(x, y, z);
            return;
        }
        unsafe
        {
            fixed (float* px = x, py = y, pz = z)
            {
                var (ax, ay, az) = ((nint)px, (nint)py, (nint)pz);
                var n = z.Length;
                const int block = 65_536;
                CpuParallel.For((n + block - 1) / block, block, (s, e) =>
                {
                    for (var b = s; b < e; b++)
                    {
                        var start = b * block;
                        var len = Math.Min(block, n - start);
                        TOp.Apply(
                            new ReadOnlySpan<float>((float*)ax + start, len),
                            new ReadOnlySpan<float>((float*)ay + start, len),
                            new Span<float>((float*)az + start, len));
                    }
                });
            }
        }
    }

    private static void Run<TOp>(Plan plan, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z)
        where TOp : struct, IBinaryOperator
    {
        var rank = plan.Dims.Length;
        var inner = plan.Dims[rank - 1];
        var xStep = plan.XStrides[rank - 1];
        var yStep = plan.YStrides[rank - 1];
        var rows = z.Length / inner;
        Span<int> index = stackalloc int[rank];
        int xOff = 0, yOff = 0;
        for (var row = 0; row < rows; row++)
        {
            var zRow = z.Slice(row * inner, inner);
            if (xStep != 0 && yStep != 0) TOp.Apply(x.Slice(xOff, inner), y.Slice(yOff, inner), zRow);
            else if (xStep != 0) TOp.Apply(x.Slice(xOff, inner), y[yOff], zRow);
            else if (yStep != 0) TOp.Apply(x[xOff], y.Slice(yOff, inner), zRow);
            else
            {
                TOp.Apply(x.Slice(xOff, 1), y[yOff], zRow.Slice(0, 1));
                zRow.Fill(zRow[0]);
            }

            // Odometer over the outer axes.
            for (var axis = rank - 2; axis >= 0; axis--)
            {
                index[axis]++;
                xOff += plan.XStrides[axis];
                yOff += plan.YStrides[axis];
                if (index[axis] < plan.Dims[axis]) break;
                xOff -= plan.XStrides[axis] * plan.Dims[axis];
                yOff -= plan.YStrides[axis] * plan.Dims[axis];
                index[axis] = 0;
            }
        }
    }

    /// <summary>Merged output dims with each operand's strides (0 on broadcast axes).</summary>
    internal readonly record struct Plan(int[] Dims, int[] XStrides, int[] YStrides)
    {
        public static Plan Create(ReadOnlySpan<int> xDims, ReadOnlySpan<int> yDims, ReadOnlySpan<int> zDims)
        {
            var rank = Math.Max(1, zDims.Length);
            var dims = new List<int>(rank);
            var xb = new List<bool>(rank);
            var yb = new List<bool>(rank);
            for (var i = 0; i < zDims.Length; i++)
            {
                var d = zDims[i];
                if (d == 1) continue; // size-1 output axes carry no iteration
                var xi = i - (zDims.Length - xDims.Length);
                var yi = i - (zDims.Length - yDims.Length);
                var xBroadcast = xi < 0 || xDims[xi] == 1;
                var yBroadcast = yi < 0 || yDims[yi] == 1;
                if (dims.Count > 0 && xb[^1] == xBroadcast && yb[^1] == yBroadcast)
                {
                    dims[^1] *= d;
                }
                else
                {
                    dims.Add(d);
                    xb.Add(xBroadcast);
                    yb.Add(yBroadcast);
                }
            }
            if (dims.Count == 0)
            {
                dims.Add(1);
                xb.Add(false);
                yb.Add(false);
            }
            return new Plan([.. dims], Strides(dims, xb), Strides(dims, yb));
        }

        private static int[] Strides(List<int> dims, List<bool> broadcast)
        {
            var strides = new int[dims.Count];
            var s = 1;
            for (var i = dims.Count - 1; i >= 0; i--)
            {
                strides[i] = broadcast[i] ? 0 : s;
                if (!broadcast[i]) s *= dims[i];
            }
            return strides;
        }
    }
}
