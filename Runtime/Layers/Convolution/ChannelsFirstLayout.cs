using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Convolution;

/// <summary>
/// Runs channels_last window ops on channels_first data by transposing around them: (batch, channels, *spatial) ↔ (batch,
/// *spatial, channels). The transposes are differentiable ops, so gradients flow through unchanged.
/// </summary>
internal static class ChannelsFirstLayout
{
    /// <summary>(batch, channels, *spatial) → (batch, *spatial, channels).</summary>
    public static Tensor ToChannelsLast(Tensor x) => Ops.Transpose(x, ToLastAxes(x.Rank));

    /// <summary>(batch, *spatial, channels) → (batch, channels, *spatial).</summary>
    public static Tensor ToChannelsFirst(Tensor x) => Ops.Transpose(x, ToFirstAxes(x.Rank));

    public static Shape ToChannelsLast(Shape shape) => OpShapes.Transpose(shape, ToLastAxes(shape.Rank));

    public static Shape ToChannelsFirst(Shape shape) => OpShapes.Transpose(shape, ToFirstAxes(shape.Rank));

    /// <summary>
    /// Applies a channels_last <paramref name="op"/> to <paramref name="x"/> laid out as <paramref name="dataFormat"/> says.
    /// </summary>
    public static Tensor Apply(Tensor x, string dataFormat, Func<Tensor, Tensor> op) =>
        dataFormat == "channels_first" ? ToChannelsFirst(op(ToChannelsLast(x))) : op(x);

    /// <summary>The output shape of a channels_last shape rule applied to a shape laid out as <paramref name="dataFormat"/> says.</summary>
    public static Shape Apply(Shape shape, string dataFormat, Func<Shape, Shape> rule) =>
        dataFormat == "channels_first" ? ToChannelsFirst(rule(ToChannelsLast(shape))) : rule(shape);

    // (0, 2, ..., rank - 1, 1)
    private static int[] ToLastAxes(int rank) => [0, .. Enumerable.Range(2, rank - 2), 1];

    // (0, rank - 1, 1, ..., rank - 2)
    private static int[] ToFirstAxes(int rank) => [0, rank - 1, .. Enumerable.Range(1, rank - 2)];
}
