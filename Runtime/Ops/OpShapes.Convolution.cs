using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class OpShapes
{
    /// <summary>
    /// Shape of a channels_last convolution over 1, 2 or 3 spatial axes (keras.ops.conv): x (batch, *spatial, channels), kernel
    /// (*kernelSpatial, channels / groups, filters) as Keras stores it → (batch, *outSpatial, filters). The number of groups is
    /// channels / kernel's input channels. Unknown (-1) dimensions of x stay unknown.
    /// </summary>
    public static Shape Conv(Shape x, Shape kernel, int[]? strides = null, string padding = "valid", int[]? dilationRate = null)
    {
        const string Op = "conv";
        var spatial = SpatialRank(Op, x);
        if (kernel.Rank != x.Rank)
            throw new ArgumentException($"{Op}: argument 'kernel' must have rank {x.Rank} ({spatial} window sizes, inChannels / groups, filters) for x of shape {x}, got shape {kernel}.", nameof(kernel));
        var groups = ConvGroups(Op, x, kernel);
        if (groups > 0 && kernel[-1] % groups != 0)
            throw new ArgumentException($"{Op}: the {kernel[-1]} filters of kernel {kernel} must divide into the {groups} groups that x {x} implies.", nameof(kernel));
        var s = WindowArgument(Op, "strides", strides, spatial);
        var d = WindowArgument(Op, "dilationRate", dilationRate, spatial);
        var same = SamePadding(Op, padding);
        var dims = new int[x.Rank];
        dims[0] = x[0];
        for (var i = 0; i < spatial; i++) dims[i + 1] = WindowOutput(Op, x[i + 1], kernel[i], s[i], d[i], same, out _);
        dims[^1] = kernel[-1];
        return new Shape(dims);
    }

    /// <summary>The geometry of a concrete convolution, with Keras's split of 'same' padding (the extra row/column after).</summary>
    internal static WindowGeometry ConvGeometry(Shape x, Shape kernel, int[]? strides, string padding, int[]? dilationRate)
    {
        Conv(x, kernel, strides, padding, dilationRate);
        var spatial = x.Rank - 2;
        var window = Enumerable.Range(0, spatial).Select(i => kernel[i]).ToArray();
        return Geometry("conv", x, window, WindowArgument("conv", "strides", strides, spatial),
            WindowArgument("conv", "dilationRate", dilationRate, spatial), SamePadding("conv", padding), kernel[-1], ConvGroups("conv", x, kernel));
    }

    /// <summary>
    /// The geometry of a channels_last window op over x (batch, *spatial, channels): the spatial axes are right-aligned into
    /// (depth, height, width), missing ones being 1.
    /// </summary>
    internal static WindowGeometry Geometry(string op, Shape x, int[] window, int[] strides, int[] dilation, bool same, int outChannels, int groups)
    {
        var spatial = x.Rank - 2;
        int[] input = [1, 1, 1], size = [1, 1, 1], stride = [1, 1, 1], rate = [1, 1, 1], pad = [0, 0, 0], output = [1, 1, 1];
        for (var i = 0; i < spatial; i++)
        {
            var axis = 3 - spatial + i;
            (input[axis], size[axis], stride[axis], rate[axis]) = (x[i + 1], window[i], strides[i], dilation[i]);
            output[axis] = WindowOutput(op, input[axis], size[axis], stride[axis], rate[axis], same, out pad[axis]);
        }
        return new WindowGeometry(x[0], input[0], input[1], input[2], x[-1], size[0], size[1], size[2], outChannels,
            stride[0], stride[1], stride[2], rate[0], rate[1], rate[2], pad[0], pad[1], pad[2], output[0], output[1], output[2], groups);
    }

    /// <summary>The number of spatial axes of a channels_last window op's input (1 to 3).</summary>
    internal static int SpatialRank(string op, Shape x)
    {
        if (x.Rank is < 3 or > 5)
            throw new ArgumentException($"{op}: x must have rank 3, 4 or 5 (batch, 1 to 3 spatial axes, channels); got shape {x}.", nameof(x));
        return x.Rank - 2;
    }

    // channels / kernel input channels; 0 while the channels are unknown.
    private static int ConvGroups(string op, Shape x, Shape kernel)
    {
        if (x[-1] == -1) return 0;
        if (kernel[-2] <= 0 || x[-1] % kernel[-2] != 0)
            throw new ArgumentException(
                $"{op}: kernel {kernel} expects {kernel[-2]} input channels per group, which must divide the {x[-1]} channels of x {x}.", nameof(kernel));
        return x[-1] / kernel[-2];
    }

    /// <summary>A per-spatial-axis argument (strides, dilation, pool size): null means 1, one value applies to every axis.</summary>
    internal static int[] WindowArgument(string op, string name, int[]? values, int rank)
    {
        if (values is null || values.Length == 0) return Enumerable.Repeat(1, rank).ToArray();
        if (values.Length == 1) values = Enumerable.Repeat(values[0], rank).ToArray();
        if (values.Length != rank || values.Any(v => v < 1))
            throw new ArgumentException($"{op}: argument '{name}' must be one positive integer or {rank} of them, got [{string.Join(", ", values)}].", name);
        return values;
    }

    /// <summary>True for 'same', false for 'valid' (case-insensitive, as Keras lower-cases it); anything else throws.</summary>
    internal static bool SamePadding(string op, string padding) => padding?.ToLowerInvariant() switch
    {
        "same" => true,
        "valid" => false,
        _ => throw new ArgumentException($"{op}: argument 'padding' must be 'valid' or 'same', got '{padding}'.", nameof(padding)),
    };

    /// <summary>
    /// Output length of a sliding window along one axis, and the padding before it. 'same' gives ceil(input / stride) and pads
    /// max((out - 1) * stride + dilated - input, 0) in total, the smaller half before (TensorFlow's and Keras's rule).
    /// </summary>
    internal static int WindowOutput(string op, int input, int window, int stride, int dilation, bool same, out int padBefore)
    {
        padBefore = 0;
        if (input == -1) return -1;
        var dilated = (window - 1) * dilation + 1;
        if (same)
        {
            var output = (input + stride - 1) / stride;
            padBefore = Math.Max((output - 1) * stride + dilated - input, 0) / 2;
            return output;
        }
        if (input < dilated)
            throw new ArgumentException(
                $"{op}: the window ({window} with dilation {dilation}, spanning {dilated}) is larger than the input length {input} with 'valid' padding.");
        return (input - dilated) / stride + 1;
    }
}
