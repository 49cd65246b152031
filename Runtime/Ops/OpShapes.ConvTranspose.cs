using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class OpShapes
{
    /// <summary>
    /// Shape of a channels_last transposed convolution over 1, 2 or 3 spatial axes (keras.ops.conv_transpose): x (batch,
    /// *spatial, channels), kernel (*window, filters, channels) as Keras stores it → (batch, *outSpatial, filters), each output
    /// length by Keras's compute_conv_transpose_output_shape: 'valid' gives (n - 1) * stride + window + outputPadding
    /// (outputPadding defaulting to max(window, stride) - window), 'same' gives n * stride, or (n - 1) * stride + window % 2 +
    /// outputPadding when outputPadding is given; window is the dilated one. Unknown (-1) dimensions of x stay unknown.
    /// </summary>
    public static Shape ConvTranspose(Shape x, Shape kernel, int[]? strides = null, string padding = "valid", int[]? outputPadding = null,
        int[]? dilationRate = null)
    {
        var axes = ConvTransposeAxes(x, kernel, strides, padding, outputPadding, dilationRate);
        return new Shape([x[0], .. axes.Select(a => a.Output), kernel[-2]]);
    }

    /// <summary>
    /// The geometry of a concrete transposed convolution seen as the convolution it transposes: that convolution's input is the
    /// transposed convolution's output (filters channels), its output is x, its kernel is the same tensor (*window, filters,
    /// channels) read as (*window, in, out). Its padding before each axis is what Keras crops from the full-length result.
    /// </summary>
    internal static WindowGeometry ConvTransposeGeometry(Shape x, Shape kernel, int[]? strides, string padding, int[]? outputPadding,
        int[]? dilationRate)
    {
        var axes = ConvTransposeAxes(x, kernel, strides, padding, outputPadding, dilationRate);
        var spatial = axes.Length;
        // Right-align the spatial axes into (depth, height, width) as Geometry does; missing ones are 1 with unit window.
        var a = new (int Input, int Window, int Stride, int Dilation, int Output, int Crop)[3];
        for (var i = 0; i < 3; i++) a[i] = (1, 1, 1, 1, 1, 0);
        for (var i = 0; i < spatial; i++) a[3 - spatial + i] = axes[i];
        return new WindowGeometry(x[0], a[0].Output, a[1].Output, a[2].Output, kernel[-2], a[0].Window, a[1].Window, a[2].Window, x[-1],
            a[0].Stride, a[1].Stride, a[2].Stride, a[0].Dilation, a[1].Dilation, a[2].Dilation, a[0].Crop, a[1].Crop, a[2].Crop,
            a[0].Input, a[1].Input, a[2].Input);
    }

    // Per spatial axis: x's length, window, stride, dilation, the output length and the leading crop.
    private static (int Input, int Window, int Stride, int Dilation, int Output, int Crop)[] ConvTransposeAxes(
        Shape x, Shape kernel, int[]? strides, string padding, int[]? outputPadding, int[]? dilationRate)
    {
        const string Op = "conv_transpose";
        var spatial = SpatialRank(Op, x);
        if (kernel.Rank != x.Rank)
            throw new ArgumentException(
                $"{Op}: argument 'kernel' must have rank {x.Rank} ({spatial} window sizes, filters, inChannels) for x of shape {x}, got shape {kernel}.", nameof(kernel));
        if (x[-1] != -1 && kernel[-1] != x[-1])
            throw new ArgumentException(
                $"{Op}: kernel {kernel} expects {kernel[-1]} input channels (its last axis) but x {x} has {x[-1]}.", nameof(kernel));
        var s = WindowArgument(Op, "strides", strides, spatial);
        var d = WindowArgument(Op, "dilationRate", dilationRate, spatial);
        var same = SamePadding(Op, padding);
        int[]? op = null;
        if (outputPadding is { Length: > 0 })
        {
            op = outputPadding.Length == 1 ? Enumerable.Repeat(outputPadding[0], spatial).ToArray() : outputPadding;
            if (op.Length != spatial || op.Where((p, i) => p < 0 || p >= s[i]).Any())
                throw new ArgumentException(
                    $"{Op}: argument 'outputPadding' must be one or {spatial} non-negative integers each smaller than its stride (strides [{string.Join(", ", s)}]), got [{string.Join(", ", outputPadding)}].",
                    nameof(outputPadding));
        }
        var axes = new (int, int, int, int, int, int)[spatial];
        for (var i = 0; i < spatial; i++)
        {
            var (output, crop) = TransposedLength(Op, x[i + 1], kernel[i], s[i], d[i], same, op?[i]);
            axes[i] = (x[i + 1], kernel[i], s[i], d[i], output, crop);
        }
        return axes;
    }

    /// <summary>
    /// Output length of a transposed convolution along one axis and how much of the full-length result ((n - 1) * stride +
    /// dilated window) is cropped before it, as Keras's backends compute them (backend_utils: the JAX padding, whose left pad
    /// is the full window minus one minus the crop).
    /// </summary>
    private static (int Output, int Crop) TransposedLength(string op, int input, int window, int stride, int dilation, bool same, int? outputPadding)
    {
        var dilated = (window - 1) * dilation + 1;
        if (!same)
        {
            // Nothing is cropped: the full-length result plus outputPadding zeros after.
            var extra = outputPadding ?? Math.Max(dilated, stride) - dilated;
            return (input == -1 ? -1 : (input - 1) * stride + dilated + extra, 0);
        }
        var (output, padLength) = outputPadding is null
            ? (input * stride, stride + dilated - 2)
            : ((input - 1) * stride + dilated % 2 + outputPadding.Value, dilated + dilated % 2 - 2 + outputPadding.Value);
        var leftPad = Math.Min(padLength / 2 + padLength % 2, dilated - 1);
        if (input == -1) return (-1, dilated - 1 - leftPad);
        if (output <= 0)
            throw new ArgumentException(
                $"{op}: an input of length {input} with window {window} (dilation {dilation}), stride {stride} and 'same' padding gives an empty output.");
        return (output, dilated - 1 - leftPad);
    }
}
