using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

/// <summary>
/// Keras's data_format for the window ops: the kernels are channels_last, so channels_first tensors (batch, channels, *spatial)
/// are permuted to (batch, *spatial, channels) around them. The permutation is a copy, cheap next to the convolution itself.
/// </summary>
internal static class ChannelLayout
{
    /// <summary>True for "channels_first", false for "channels_last" or null (Keras's default); anything else throws.</summary>
    public static bool IsChannelsFirst(string? dataFormat, string op) => dataFormat?.ToLowerInvariant() switch
    {
        null or "channels_last" => false,
        "channels_first" => true,
        _ => throw new ArgumentException(
            $"{op}: argument 'dataFormat' must be 'channels_last' or 'channels_first', got '{dataFormat}'.", nameof(dataFormat)),
    };

    /// <summary>(batch, channels, *spatial) → (batch, *spatial, channels).</summary>
    public static Tensor ToChannelsLast(Tensor x) => Ops.Transpose(x, ToLast(x.Rank));

    /// <summary>(batch, *spatial, channels) → (batch, channels, *spatial).</summary>
    public static Tensor ToChannelsFirst(Tensor x) => Ops.Transpose(x, ToFirst(x.Rank));

    public static Shape ToChannelsLast(Shape x) => Permuted(x, ToLast(x.Rank));

    public static Shape ToChannelsFirst(Shape x) => Permuted(x, ToFirst(x.Rank));

    /// <summary>Applies a channels_last <paramref name="op"/> to <paramref name="x"/> laid out as <paramref name="dataFormat"/> says.</summary>
    public static Tensor Apply(Tensor x, string dataFormat, Func<Tensor, Tensor> op) =>
        dataFormat == "channels_first" ? ToChannelsFirst(op(ToChannelsLast(x))) : op(x);

    /// <summary>The output shape of a channels_last shape rule applied to a shape laid out as <paramref name="dataFormat"/> says.</summary>
    public static Shape Apply(Shape shape, string dataFormat, Func<Shape, Shape> rule) =>
        dataFormat == "channels_first" ? ToChannelsFirst(rule(ToChannelsLast(shape))) : rule(shape);

    private static Shape Permuted(Shape x, int[] axes) => new(axes.Select(a => x[a]).ToArray());

    // Output axis i takes input axis axes[i].
    private static int[] ToLast(int rank) => [0, .. Enumerable.Range(2, rank - 2), 1];

    private static int[] ToFirst(int rank) => [0, rank - 1, .. Enumerable.Range(1, rank - 2)];
}
