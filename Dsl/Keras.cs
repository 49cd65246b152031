using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Visualizers.Tensors;

namespace NotebookKeras.Dsl;

/// <summary>
/// The notebook surface: <c>using static NotebookKeras.Dsl.Keras;</c> brings Keras-style factories into scope
/// (<c>var x = Zeros(2, 3);</c>). Layers, models and the rest of the catalogue join it as they arrive.
/// </summary>
public static partial class Keras
{
    /// <summary><c>keras.ops.convert_to_tensor</c>: a float32 tensor from values and a shape (1-D when the shape is omitted).</summary>
    public static Tensor ConvertToTensor(float[] values, params int[] shape) => Tensor.FromArray(values, shape);

    /// <summary>An int32 tensor (labels, indices) from values and a shape.</summary>
    public static Tensor ConvertToTensor(int[] values, params int[] shape) => Tensor.FromArray(values, shape);

    /// <summary><c>keras.ops.zeros</c>.</summary>
    public static Tensor Zeros(params int[] shape) => Tensor.Zeros(shape);

    /// <summary><c>keras.ops.ones</c>.</summary>
    public static Tensor Ones(params int[] shape) => Tensor.Ones(shape);

    /// <summary><c>keras.ops.full</c>.</summary>
    public static Tensor Full(int[] shape, float fillValue) => Tensor.Full(new Shape(shape), fillValue);

    /// <summary><c>keras.ops.arange</c> (float32).</summary>
    public static Tensor Arange(float start, float stop, float step = 1f) => Tensor.Arange(start, stop, step);

    /// <summary>A one-line description of a tensor: shape, dtype and statistics.</summary>
    public static string Describe(Tensor tensor) => TensorPreview.ToText(tensor);
}
