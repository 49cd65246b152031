using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>
    /// Transposed convolution over 1, 2 or 3 spatial axes (keras.ops.conv_transpose), the gradient of a convolution with
    /// respect to its input: x (batch, *spatial, channels), kernel (*window, filters, channels) as Keras stores it → (batch,
    /// *outSpatial, filters) with the output lengths of <see cref="OpShapes.ConvTranspose"/>. <paramref name="outputPadding"/>
    /// (null: Keras's default) adds rows/columns after, each smaller than its stride; <paramref name="dataFormat"/>
    /// "channels_first" reads and returns (batch, channels, *spatial) tensors.
    /// </summary>
    public static Tensor ConvTranspose(Tensor x, Tensor kernel, int[]? strides = null, string padding = "valid", int[]? outputPadding = null,
        string? dataFormat = null, int[]? dilationRate = null)
    {
        const string Op = "conv_transpose";
        if (ChannelLayout.IsChannelsFirst(dataFormat, Op))
            return ChannelLayout.ToChannelsFirst(ConvTranspose(ChannelLayout.ToChannelsLast(x), kernel, strides, padding, outputPadding, null, dilationRate));
        RequireFloat(x, Op, "x");
        RequireFloat(kernel, Op, nameof(kernel));
        // g is the convolution this op transposes: its input is y, its output x.
        var g = OpShapes.ConvTransposeGeometry(x.Shape, kernel.Shape, strides, padding, outputPadding, dilationRate);
        var y = Tensor.Empty(OpShapes.ConvTranspose(x.Shape, kernel.Shape, strides, padding, outputPadding, dilationRate));
        // The convolution's input gradient for output gradient x; its input values (first argument) are only read for the kernel
        // gradient, which is not asked for, so y (overwritten anyway) stands in for them.
        Backend.Cpu.Convolution.Backward(g, y.AsSpan(), kernel.AsSpan(), x.AsSpan(), y.Floats, default);
        bool needX = GradientTape.IsRecording(x), needKernel = GradientTape.IsRecording(kernel);
        if (needX || needKernel)
        {
            GradientTape.Record("conv_transpose", y, [x, kernel], dy =>
            {
                // dx is the convolution of dy; dkernel the convolution's kernel gradient for input dy and output gradient x.
                Tensor? dx = null, dk = null;
                if (needX)
                {
                    dx = Tensor.Empty(x.Shape);
                    Backend.Cpu.Convolution.Forward(g, dy.AsSpan(), kernel.AsSpan(), dx.Floats);
                }
                if (needKernel)
                {
                    dk = Tensor.Empty(kernel.Shape);
                    Backend.Cpu.Convolution.Backward(g, dy.AsSpan(), kernel.AsSpan(), x.AsSpan(), default, dk.Floats);
                }
                return [dx, dk];
            });
        }
        return y;
    }
}
