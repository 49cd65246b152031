using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Reshaping;

/// <summary>
/// Bilinear upsampling by an integer factor as Keras's <c>ops.image.resize</c> does it (half-pixel centers, no antialiasing,
/// which only matters when shrinking): each spatial axis in turn is a blend of two gathered neighbours, so the tape
/// differentiates it through take, multiply and add.
/// </summary>
internal static class BilinearUpsampling
{
    /// <summary>Linearly interpolates axis <paramref name="axis"/> of a channels_last tensor up by <paramref name="factor"/>.</summary>
    public static Tensor Axis(Tensor x, int axis, int factor)
    {
        if (factor == 1) return x;
        var n = x.Shape[axis];
        var m = n * factor;
        var lower = new int[m];
        var upper = new int[m];
        var weight = new float[m];
        for (var o = 0; o < m; o++)
        {
            // The source coordinate of output o's center, clamped at the first element as TensorFlow and PyTorch do.
            var source = MathF.Max((o + 0.5f) / factor - 0.5f, 0f);
            lower[o] = Math.Min((int)source, n - 1);
            upper[o] = Math.Min(lower[o] + 1, n - 1);
            weight[o] = source - lower[o];
        }
        // The weights broadcast along the output axis: shape (m, 1, ..., 1) over the axes after it.
        var weightShape = new int[x.Rank - axis];
        Array.Fill(weightShape, 1);
        weightShape[0] = m;
        var w = Tensor.FromArray(weight, weightShape);
        var below = Ops.Take(x, Tensor.FromArray(lower, m), axis);
        var above = Ops.Take(x, Tensor.FromArray(upper, m), axis);
        return Ops.Add(below, Ops.Multiply(Ops.Subtract(above, below), w));
    }
}
