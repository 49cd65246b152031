using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>The same elements in a new shape; one dimension may be -1 (inferred). No copy is made.</summary>
    public static Tensor Reshape(Tensor x, params int[] newShape)
    {
        ArgumentNullException.ThrowIfNull(x);
        var shape = OpShapes.Reshape(x.Shape, newShape);
        var y = x.WithShape(shape);
        if (GradientTape.IsRecording(x))
            GradientTape.Record("reshape", y, [x], g => [g.WithShape(x.Shape)]);
        return y;
    }
}
