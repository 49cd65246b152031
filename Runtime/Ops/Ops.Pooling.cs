using System.Buffers;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>
    /// Max pooling over 1, 2 or 3 spatial axes, channels_last (keras.ops.max_pool): the maximum of each
    /// <paramref name="poolSize"/> window of x (batch, *spatial, channels). <paramref name="strides"/> null means the pool size; 'same' padding never wins a max.
    /// </summary>
    public static Tensor MaxPool(Tensor x, int[] poolSize, int[]? strides = null, string padding = "valid")
    {
        RequireFloat(x, "max_pool");
        var g = OpShapes.PoolGeometry(x.Shape, poolSize, strides, padding, "max_pool");
        var shape = OpShapes.Pool(x.Shape, poolSize, strides, padding, "max_pool");
        var y = Tensor.Empty(shape);
        if (!GradientTape.IsRecording(x))
        {
            // Inference: the argmax indices are scratch, not kept.
            var scratch = ArrayPool<int>.Shared.Rent(shape.Size);
            try { Backend.Cpu.Pooling.MaxForward(g, x.AsSpan(), y.Floats, scratch.AsSpan(0, shape.Size)); }
            finally { ArrayPool<int>.Shared.Return(scratch); }
            return y;
        }
        var argmax = Tensor.EmptyInt(shape);
        Backend.Cpu.Pooling.MaxForward(g, x.AsSpan(), y.Floats, argmax.Ints);
        GradientTape.Record("max_pool", y, [x], dy =>
        {
            var dx = Tensor.Empty(x.Shape);
            Backend.Cpu.Pooling.MaxBackward(g, dy.AsSpan(), argmax.AsIntSpan(), dx.Floats);
            return [dx];
        });
        return y;
    }

    /// <summary>
    /// Average pooling over 1, 2 or 3 spatial axes, channels_last (keras.ops.average_pool): the mean of each <paramref name="poolSize"/> window of x.
    /// With 'same' padding the mean is over the in-image elements only, as in Keras.
    /// </summary>
    public static Tensor AveragePool(Tensor x, int[] poolSize, int[]? strides = null, string padding = "valid")
    {
        RequireFloat(x, "average_pool");
        var g = OpShapes.PoolGeometry(x.Shape, poolSize, strides, padding, "average_pool");
        var y = Tensor.Empty(OpShapes.Pool(x.Shape, poolSize, strides, padding, "average_pool"));
        Backend.Cpu.Pooling.AverageForward(g, x.AsSpan(), y.Floats);
        if (GradientTape.IsRecording(x))
        {
            GradientTape.Record("average_pool", y, [x], dy =>
            {
                var dx = Tensor.Empty(x.Shape);
                Backend.Cpu.Pooling.AverageBackward(g, dy.AsSpan(), dx.Floats);
                return [dx];
            });
        }
        return y;
    }
}
