using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>e^x / sum(e^x) along <paramref name="axis"/>, computed stably (the maximum along the axis is subtracted first).</summary>
    public static Tensor Softmax(Tensor x, int axis = -1) => SoftmaxCore(x, axis, log: false);

    /// <summary>x - log(sum(e^x)) along <paramref name="axis"/>, computed stably; prefer it to log(softmax(x)).</summary>
    public static Tensor LogSoftmax(Tensor x, int axis = -1) => SoftmaxCore(x, axis, log: true);

    private static Tensor SoftmaxCore(Tensor x, int axis, bool log)
    {
        var op = log ? "log_softmax" : "softmax";
        RequireFloat(x, op);
        var shape = OpShapes.Softmax(x.Shape, axis, op);
        var a = OpShapes.SoftmaxAxis(x.Rank, axis, op);
        var (outer, n, inner) = (shape.Product(0, a), shape[a], shape.Product(a + 1, shape.Rank));
        var y = Tensor.Empty(shape);
        Backend.Cpu.Softmax.Forward(x.AsSpan(), y.Floats, outer, n, inner, log);
        if (GradientTape.IsRecording(x))
        {
            GradientTape.Record(op, y, [x], g =>
            {
                var dx = Tensor.Empty(shape);
                Backend.Cpu.Softmax.Backward(y.AsSpan(), g.AsSpan(), dx.Floats, outer, n, inner, log);
                return [dx];
            });
        }
        return y;
    }
}
