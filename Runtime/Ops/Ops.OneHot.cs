using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>
    /// One-hot encodes int32 class indices as float32, with a new axis of size <paramref name="numClasses"/> at
    /// <paramref name="axis"/> (default last). Indices outside [0, numClasses) encode as all zeros, as in Keras (TensorFlow). Not
    /// differentiable.
    /// </summary>
    public static Tensor OneHot(Tensor indices, int numClasses, int axis = -1)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.DType != DType.Int32)
            throw new ArgumentException($"one_hot: argument 'indices' must be int32, got {indices.DType.KerasName()} with shape {indices.Shape}.", nameof(indices));
        var shape = OpShapes.OneHot(indices.Shape, numClasses, axis);
        var a = shape.NormalizeAxis(axis);
        var y = Tensor.Empty(shape);
        Backend.Cpu.OneHot.Encode(indices.AsIntSpan(), indices.Shape.Product(0, a), indices.Shape.Product(a, indices.Rank), numClasses, y.Floats);
        return y;
    }
}
