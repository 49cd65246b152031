using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>
    /// Depthwise convolution over 1, 2 or 3 spatial axes, channels_last (keras.ops.depthwise_conv): each channel of x (batch,
    /// *spatial, channels) is convolved with its own multiplier filters of kernel (*window, channels, multiplier), giving
    /// channels · multiplier outputs ordered c · multiplier + m. Strides, padding and dilation as in <see cref="Conv"/>.
    /// </summary>
    public static Tensor DepthwiseConv(Tensor x, Tensor kernel, int[]? strides = null, string padding = "valid", int[]? dilationRate = null)
    {
        RequireFloat(x, "depthwise_conv", "x");
        RequireFloat(kernel, "depthwise_conv", nameof(kernel));
        var g = OpShapes.DepthwiseConvGeometry(x.Shape, kernel.Shape, strides, padding, dilationRate);
        var y = Tensor.Empty(OpShapes.DepthwiseConv(x.Shape, kernel.Shape, strides, padding, dilationRate));
        DepthwiseConvolution.Forward(g, x.AsSpan(), kernel.AsSpan(), y.Floats);
        bool needX = GradientTape.IsRecording(x), needKernel = GradientTape.IsRecording(kernel);
        if (!needX && !needKernel) return y;
        GradientTape.Record("depthwise_conv", y, [x, kernel], dy =>
        {
            var dx = needX ? Tensor.Empty(x.Shape) : null;
            var dk = needKernel ? Tensor.Empty(kernel.Shape) : null;
            DepthwiseConvolution.Backward(g, x.AsSpan(), kernel.AsSpan(), dy.AsSpan(), dx is null ? default : dx.Floats, dk is null ? default : dk.Floats);
            return [dx, dk];
        });
        return y;
    }

    /// <summary>
    /// Separable convolution, channels_last (keras.ops.separable_conv): <see cref="DepthwiseConv"/> by
    /// <paramref name="depthwiseKernel"/> (*window, channels, multiplier), then a convolution by
    /// <paramref name="pointwiseKernel"/> (*ones, channels · multiplier, filters) that mixes the channels.
    /// </summary>
    public static Tensor SeparableConv(Tensor x, Tensor depthwiseKernel, Tensor pointwiseKernel, int[]? strides = null, string padding = "valid",
        int[]? dilationRate = null)
    {
        OpShapes.SeparableConv(x.Shape, depthwiseKernel.Shape, pointwiseKernel.Shape, strides, padding, dilationRate);
        return Conv(DepthwiseConv(x, depthwiseKernel, strides, padding, dilationRate), pointwiseKernel);
    }
}
