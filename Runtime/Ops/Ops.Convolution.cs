using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>
    /// Convolution over 1, 2 or 3 spatial axes, channels_last (keras.ops.conv): x (batch, *spatial, channels), kernel
    /// (*window, channels / groups, filters) as Keras stores it; grouped when the kernel sees fewer channels than x has.
    /// <paramref name="strides"/> and <paramref name="dilationRate"/> take one value for every axis or one per axis (null: 1); <paramref name="padding"/> is "valid" or "same" (the odd extra row/column goes after).
    /// <paramref name="dataFormat"/> "channels_first" reads and returns (batch, channels, *spatial) tensors instead; it comes last
    /// (keras.ops.conv has it before dilation_rate) so positional calls written before it keep compiling.
    /// </summary>
    public static Tensor Conv(Tensor x, Tensor kernel, int[]? strides = null, string padding = "valid", int[]? dilationRate = null,
        string? dataFormat = null)
    {
        if (ChannelLayout.IsChannelsFirst(dataFormat, "conv"))
            return ChannelLayout.ToChannelsFirst(Conv(ChannelLayout.ToChannelsLast(x), kernel, strides, padding, dilationRate));
        RequireFloat(x, "conv", "x");
        RequireFloat(kernel, "conv", nameof(kernel));
        var g = OpShapes.ConvGeometry(x.Shape, kernel.Shape, strides, padding, dilationRate);
        var y = Tensor.Empty(OpShapes.Conv(x.Shape, kernel.Shape, strides, padding, dilationRate));
        Backend.Cpu.Convolution.Forward(g, x.AsSpan(), kernel.AsSpan(), y.Floats);
        bool needX = GradientTape.IsRecording(x), needKernel = GradientTape.IsRecording(kernel);
        if (needX || needKernel)
        {
            GradientTape.Record("conv", y, [x, kernel], dy =>
            {
                var dx = needX ? Tensor.Empty(x.Shape) : null;
                var dk = needKernel ? Tensor.Empty(kernel.Shape) : null;
                Backend.Cpu.Convolution.Backward(g, x.AsSpan(), kernel.AsSpan(), dy.AsSpan(),
                    dx is null ? default : dx.Floats, dk is null ? default : dk.Floats);
                return [dx, dk];
            });
        }
        return y;
    }
}
