using NotebookKeras.Runtime.Layers.Merge;

namespace NotebookKeras.Dsl;

// Merge layers take a list of inputs: Add().Apply([a, b]) on tensors (eager) or on symbolic inputs (functional).
public static partial class Keras
{
    /// <summary><c>keras.layers.Add</c>: the elementwise sum of the inputs.</summary>
    public static Add Add(string? name = null) => new(name);

    /// <summary><c>keras.layers.Subtract</c>: <c>inputs[0] - inputs[1]</c> (exactly two inputs).</summary>
    public static Subtract Subtract(string? name = null) => new(name);

    /// <summary><c>keras.layers.Multiply</c>: the elementwise product of the inputs.</summary>
    public static Multiply Multiply(string? name = null) => new(name);

    /// <summary><c>keras.layers.Average</c>: the elementwise mean of the inputs.</summary>
    public static Average Average(string? name = null) => new(name);

    /// <summary><c>keras.layers.Maximum</c>: the elementwise maximum of the inputs.</summary>
    public static Maximum Maximum(string? name = null) => new(name);

    /// <summary><c>keras.layers.Minimum</c>: the elementwise minimum of the inputs.</summary>
    public static Minimum Minimum(string? name = null) => new(name);

    /// <summary><c>keras.layers.Concatenate</c>: joins the inputs along <paramref name="axis"/>.</summary>
    public static Concatenate Concatenate(int axis = -1, string? name = null) => new(axis, name);

    /// <summary><c>keras.layers.Dot</c>: per-sample dot products along the same axis of both inputs.</summary>
    public static Dot Dot(int axes, bool normalize = false, string? name = null) => new(axes, normalize, name);

    /// <summary><c>keras.layers.Dot</c> with one axis per input: <c>Dot(axes: [1, 2])</c>.</summary>
    public static Dot Dot(int[] axes, bool normalize = false, string? name = null) => new(axes, normalize, name);
}
