using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class OpShapes
{
    /// <summary>
    /// Shape of <c>argmax</c>/<c>argmin</c> along <paramref name="axis"/>; null reduces the flattened tensor (then keepDims gives
    /// every axis size 1, as NumPy).
    /// </summary>
    public static Shape ArgReduce(Shape x, int? axis, bool keepDims, string op = "argmax")
    {
        if (axis is { } a) return Reduce(x, [a], keepDims, op);
        return keepDims ? new Shape(Enumerable.Repeat(1, x.Rank).ToArray()) : Shape.Scalar;
    }
}
