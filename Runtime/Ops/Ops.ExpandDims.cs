using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

// Adding and removing size-1 axes only reshapes: both are views recorded through Reshape.
public static partial class Ops
{
    /// <summary>Inserts a size-1 axis at <paramref name="axis"/> (-rank-1..rank). No copy is made.</summary>
    public static Tensor ExpandDims(Tensor x, int axis)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Reshape(x, OpShapes.ExpandDims(x.Shape, axis).ToArray());
    }

    /// <summary>Removes the size-1 axis <paramref name="axis"/>, or every size-1 axis when null. No copy is made.</summary>
    public static Tensor Squeeze(Tensor x, int? axis = null) => Squeeze(x, axis is { } a ? [a] : null);

    /// <summary>Removes the given size-1 axes (null: every size-1 axis); naming an axis whose size is not 1 is an error.</summary>
    public static Tensor Squeeze(Tensor x, int[]? axes)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Reshape(x, OpShapes.Squeeze(x.Shape, axes).ToArray());
    }
}
