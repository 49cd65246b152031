using System.Buffers;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>
    /// relu?(conv(x, kernel) + bias), the body of a convolution layer, in one op: one output tensor instead of three, the bias
    /// and relu applied as the kernel stores its tiles, and a backward that masks dy and sums the bias gradient in one pass
    /// (into pooled scratch) before the convolution's own backward. Same arguments as <see cref="Conv"/>; bias is (filters,) or null.
    /// </summary>
    internal static Tensor FusedConv(Tensor x, Tensor kernel, Tensor? bias, bool relu, int[]? strides = null, string padding = "valid", int[]? dilationRate = null)
    {
        RequireFloat(x, "conv", "x");
        RequireFloat(kernel, "conv", nameof(kernel));
        var g = OpShapes.ConvGeometry(x.Shape, kernel.Shape, strides, padding, dilationRate);
        if (bias is not null)
        {
            RequireFloat(bias, "conv", nameof(bias));
            if (bias.Rank != 1 || bias.Shape[0] != g.OutChannels)
                throw new ArgumentException($"conv: the bias has shape {bias.Shape}, expected ({g.OutChannels},) (one value per filter).", nameof(bias));
        }
        var y = Tensor.Empty(OpShapes.Conv(x.Shape, kernel.Shape, strides, padding, dilationRate));
        Backend.Cpu.Convolution.Forward(g, x.AsSpan(), kernel.AsSpan(), y.Floats, bias is null ? default : bias.AsSpan(), relu);
        bool needX = GradientTape.IsRecording(x), needKernel = GradientTape.IsRecording(kernel), needBias = bias is not null && GradientTape.IsRecording(bias);
        if (!needX && !needKernel && !needBias) return y;
        Tensor[] inputs = bias is null ? [x, kernel] : [x, kernel, bias];
        GradientTape.Record("conv", y, inputs, dy =>
        {
            var dx = needX ? Tensor.Empty(x.Shape) : null;
            var dk = needKernel ? Tensor.Empty(kernel.Shape) : null;
            var db = needBias ? Tensor.Empty(bias!.Shape) : null;
            // Without relu and a bias gradient, dy is already the convolution's output gradient.
            var masked = relu || needBias ? ArrayPool<float>.Shared.Rent(dy.Size) : null;
            try
            {
                var dz = dy.AsSpan();
                if (masked is not null)
                {
                    var target = masked.AsSpan(0, dy.Size);
                    Backend.Cpu.ConvolutionEpilogue.Backward(dy.AsSpan(), y.AsSpan(), relu, target, db is null ? default : db.Floats, g.OutChannels);
                    dz = target;
                }
                if (dx is not null || dk is not null)
                    Backend.Cpu.Convolution.Backward(g, x.AsSpan(), kernel.AsSpan(), dz, dx is null ? default : dx.Floats, dk is null ? default : dk.Floats);
            }
            finally
            {
                if (masked is not null) ArrayPool<float>.Shared.Return(masked);
            }
            return bias is null ? [dx, dk] : [dx, dk, db];
        });
        return y;
    }
}
