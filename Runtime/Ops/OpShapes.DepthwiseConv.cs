using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class OpShapes
{
    /// <summary>
    /// Shape of a channels_last depthwise convolution over 1, 2 or 3 spatial axes (keras.ops.depthwise_conv): x (batch,
    /// *spatial, channels), kernel (*window, channels, multiplier) as Keras stores it → (batch, *outSpatial, channels ·
    /// multiplier). Unknown (-1) dimensions of x stay unknown.
    /// </summary>
    public static Shape DepthwiseConv(Shape x, Shape kernel, int[]? strides = null, string padding = "valid", int[]? dilationRate = null) =>
        Conv(x, GroupedDepthwiseKernel(x, kernel), strides, padding, dilationRate);

    /// <summary>
    /// Shape of a channels_last separable convolution (keras.ops.separable_conv): the depthwise convolution, then a convolution
    /// by the pointwise kernel (*ones, channels · multiplier, filters) with stride 1 and no padding.
    /// </summary>
    public static Shape SeparableConv(Shape x, Shape depthwiseKernel, Shape pointwiseKernel, int[]? strides = null, string padding = "valid",
        int[]? dilationRate = null) =>
        Conv(DepthwiseConv(x, depthwiseKernel, strides, padding, dilationRate), pointwiseKernel);

    /// <summary>The geometry of a concrete depthwise convolution: a grouped convolution with one group per input channel.</summary>
    internal static WindowGeometry DepthwiseConvGeometry(Shape x, Shape kernel, int[]? strides, string padding, int[]? dilationRate) =>
        ConvGeometry(x, GroupedDepthwiseKernel(x, kernel), strides, padding, dilationRate);

    /// <summary>
    /// The depthwise kernel (*window, channels, multiplier) seen as the grouped-convolution kernel (*window, 1, channels ·
    /// multiplier) it equals (same memory: output channel c · multiplier + m), after checking it matches x's channels.
    /// </summary>
    internal static Shape GroupedDepthwiseKernel(Shape x, Shape kernel)
    {
        const string Op = "depthwise_conv";
        var spatial = SpatialRank(Op, x);
        if (kernel.Rank != x.Rank)
            throw new ArgumentException($"{Op}: argument 'kernel' must have rank {x.Rank} ({spatial} window sizes, channels, multiplier) for x of shape {x}, got shape {kernel}.", nameof(kernel));
        if (kernel[-1] <= 0 || (x[-1] != -1 && kernel[-2] != x[-1]))
            throw new ArgumentException($"{Op}: kernel {kernel} must be (*window, channels, multiplier) with the {x[-1]} channels of x {x}.", nameof(kernel));
        var dims = kernel.ToArray();
        // Unknown channels of x and kernel give unknown output channels.
        (dims[^2], dims[^1]) = (1, kernel[-2] < 0 ? -1 : kernel[-2] * kernel[-1]);
        return new Shape(dims);
    }
}
