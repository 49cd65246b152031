using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class OpShapes
{
    /// <summary>
    /// Shape of a channels_last 2-D convolution (keras.ops.conv): x (batch, height, width, channels), kernel
    /// (kernelHeight, kernelWidth, channels, filters) → (batch, outHeight, outWidth, filters). Unknown (-1) dimensions of x stay unknown.
    /// </summary>
    public static Shape Conv(Shape x, Shape kernel, int[]? strides = null, string padding = "valid", int[]? dilationRate = null)
    {
        const string Op = "conv";
        if (x.Rank != 4)
            throw new NotSupportedException($"{Op}: only 2-D convolution is supported, expecting x of rank 4 (batch, height, width, channels); got shape {x}.");
        if (kernel.Rank != 4)
            throw new ArgumentException($"{Op}: argument 'kernel' must have rank 4 (kernelHeight, kernelWidth, inChannels, filters), got shape {kernel}.", nameof(kernel));
        if (x[3] != -1 && kernel[2] != x[3])
            throw new ArgumentException(
                $"{Op}: kernel {kernel} expects {kernel[2]} input channels, x {x} has {x[3]} (grouped convolution is not supported yet).", nameof(kernel));
        var s = WindowArgument(Op, "strides", strides, 2);
        var d = WindowArgument(Op, "dilationRate", dilationRate, 2);
        var same = SamePadding(Op, padding);
        return new Shape(x[0],
            WindowOutput(Op, x[1], kernel[0], s[0], d[0], same, out _),
            WindowOutput(Op, x[2], kernel[1], s[1], d[1], same, out _),
            kernel[3]);
    }

    /// <summary>The geometry of a concrete convolution, with Keras's split of 'same' padding (the extra row/column after).</summary>
    internal static Window2DGeometry ConvGeometry(Shape x, Shape kernel, int[]? strides, string padding, int[]? dilationRate)
    {
        var y = Conv(x, kernel, strides, padding, dilationRate);
        var s = WindowArgument("conv", "strides", strides, 2);
        var d = WindowArgument("conv", "dilationRate", dilationRate, 2);
        var same = SamePadding("conv", padding);
        WindowOutput("conv", x[1], kernel[0], s[0], d[0], same, out var padTop);
        WindowOutput("conv", x[2], kernel[1], s[1], d[1], same, out var padLeft);
        return new Window2DGeometry(x[0], x[1], x[2], x[3], kernel[0], kernel[1], kernel[3],
            s[0], s[1], d[0], d[1], padTop, padLeft, y[1], y[2]);
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
