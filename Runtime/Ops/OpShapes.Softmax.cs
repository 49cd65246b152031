using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class OpShapes
{
    /// <summary>Shape of softmax / log-softmax along <paramref name="axis"/>: unchanged; throws if the axis is out of range.</summary>
    public static Shape Softmax(Shape x, int axis, string op = "softmax")
    {
        SoftmaxAxis(x.Rank, axis, op);
        return x;
    }

    /// <summary>The axis in [0, rank), or an error naming the op, the axis and the rank.</summary>
    internal static int SoftmaxAxis(int rank, int axis, string op)
    {
        if (rank == 0)
            throw new ArgumentException($"{op}: the input is a scalar (rank 0); {op} needs at least one axis to normalize over.");
        try { return Shape.NormalizeAxis(axis, rank); }
        catch (ArgumentOutOfRangeException e) { throw new ArgumentOutOfRangeException($"{op}: {e.Message}", e); }
    }
}
