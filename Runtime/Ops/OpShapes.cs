using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

/// <summary>
/// The static output-shape rules of the ops (Keras's <c>compute_output_spec</c>): they work on shapes alone, including unknown
/// (-1) dimensions, so symbolic models and summaries never need a dry run. Each throws an error that names the op and the shapes.
/// </summary>
public static partial class OpShapes
{
    /// <summary>NumPy broadcasting of two shapes.</summary>
    public static Shape Broadcast(Shape a, Shape b, string op = "broadcast")
    {
        var rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i - (rank - a.Rank) >= 0 ? a[i - (rank - a.Rank)] : 1;
            var db = i - (rank - b.Rank) >= 0 ? b[i - (rank - b.Rank)] : 1;
            if (da == db || db == 1) dims[i] = da;
            else if (da == 1) dims[i] = db;
            else if (da == -1 || db == -1) dims[i] = Math.Max(da, db);
            else
                throw new ArgumentException($"{op}: shapes {a} and {b} cannot be broadcast together (axis {i - rank}: {da} vs {db}).");
        }
        return new Shape(dims);
    }

    /// <summary>Shape of a reduction over <paramref name="axes"/> (null: all axes).</summary>
    public static Shape Reduce(Shape x, int[]? axes, bool keepDims, string op = "reduce")
    {
        var reduced = ReducedAxes(x.Rank, axes, op);
        var dims = new List<int>(x.Rank);
        for (var i = 0; i < x.Rank; i++)
        {
            if (!reduced[i]) dims.Add(x[i]);
            else if (keepDims) dims.Add(1);
        }
        return new Shape([.. dims]);
    }

    /// <summary>A mask of the axes a reduction removes; duplicates and out-of-range axes throw.</summary>
    internal static bool[] ReducedAxes(int rank, int[]? axes, string op)
    {
        var mask = new bool[rank];
        if (axes is null)
        {
            Array.Fill(mask, true);
            return mask;
        }
        foreach (var axis in axes)
        {
            int a;
            try { a = Shape.NormalizeAxis(axis, rank); }
            catch (ArgumentOutOfRangeException e) { throw new ArgumentOutOfRangeException($"{op}: {e.Message}", e); }
            if (mask[a]) throw new ArgumentException($"{op}: axis {axis} appears more than once in axes [{string.Join(", ", axes)}].");
            mask[a] = true;
        }
        return mask;
    }

    /// <summary>Shape of <c>matmul(a, b)</c> with NumPy's rules (1-D operands promoted, batch axes broadcast).</summary>
    public static Shape MatMul(Shape a, Shape b)
    {
        if (a.Rank == 0 || b.Rank == 0)
            throw new ArgumentException($"matmul: operands must have rank >= 1; got shapes {a} and {b}.");
        var a2 = a.Rank == 1 ? new Shape(1, a[0]) : a;
        var b2 = b.Rank == 1 ? new Shape(b[0], 1) : b;
        int k1 = a2[-1], k2 = b2[-2];
        if (k1 != k2 && k1 != -1 && k2 != -1)
            throw new ArgumentException($"matmul: inner dimensions differ: {a} @ {b} (the last axis of the first, {k1}, must equal the second-to-last axis of the second, {k2}).");
        var batch = Broadcast(new Shape(a2.Dims[..^2]), new Shape(b2.Dims[..^2]), "matmul (batch axes)");
        var dims = new List<int>(batch.Dims.ToArray());
        if (a.Rank > 1) dims.Add(a2[-2]);
        if (b.Rank > 1) dims.Add(b2[-1]);
        return new Shape([.. dims]);
    }

    /// <summary>Shape after reshape to <paramref name="newShape"/>, which may contain one -1 to infer.</summary>
    public static Shape Reshape(Shape x, ReadOnlySpan<int> newShape)
    {
        var dims = newShape.ToArray();
        var infer = -1;
        long known = 1;
        for (var i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1)
            {
                if (infer >= 0) throw new ArgumentException($"reshape: only one dimension can be -1; got {Shape.Format(newShape)}.");
                infer = i;
            }
            else if (dims[i] < 0) throw new ArgumentException($"reshape: invalid dimension {dims[i]} in {Shape.Format(newShape)}.");
            else known *= dims[i];
        }
        if (!x.IsFullyDefined) return new Shape(dims);
        var size = x.Size;
        if (infer >= 0)
        {
            if (known == 0 || size % known != 0)
                throw new ArgumentException($"reshape: cannot reshape a tensor of shape {x} ({size} elements) into {Shape.Format(newShape)}.");
            dims[infer] = (int)(size / known);
        }
        else if (known != size)
            throw new ArgumentException($"reshape: cannot reshape a tensor of shape {x} ({size} elements) into {Shape.Format(newShape)} ({known} elements).");
        return new Shape(dims);
    }
}
