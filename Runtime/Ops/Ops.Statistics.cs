using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>Arithmetic mean over <paramref name="axes"/> (null: every axis); NaN over an empty axis, as NumPy.</summary>
    public static Tensor Mean(Tensor x, int[]? axes = null, bool keepDims = false)
    {
        var y = Reduce(x, axes, keepDims, "mean", Reduction.Mean, out var count);
        if (GradientTape.IsRecording(x))
        {
            var kept = OpShapes.Reduce(x.Shape, axes, keepDims: true, "mean");
            GradientTape.Record("mean", y, [x], g => [BroadcastTo(Reshape(g, kept.ToArray()) * (1f / count), x.Shape)]);
        }
        return y;
    }

    /// <summary>Mean over one axis.</summary>
    public static Tensor Mean(Tensor x, int axis, bool keepDims = false) => Mean(x, [axis], keepDims);

    /// <summary>Population variance (ddof 0, as <c>keras.ops.var</c>) over <paramref name="axes"/> (null: every axis).</summary>
    public static Tensor Var(Tensor x, int[]? axes = null, bool keepDims = false)
    {
        var y = Reduce(x, axes, keepDims, "var", Reduction.Variance, out var count);
        if (GradientTape.IsRecording(x))
        {
            var kept = OpShapes.Reduce(x.Shape, axes, keepDims: true, "var");
            GradientTape.Record("var", y, [x], g =>
                [Multiply(Deviation(x, axes), Reshape(g, kept.ToArray()) * (2f / count))]);
        }
        return y;
    }

    /// <summary>Variance over one axis.</summary>
    public static Tensor Var(Tensor x, int axis, bool keepDims = false) => Var(x, [axis], keepDims);

    /// <summary>
    /// Population standard deviation (ddof 0, as <c>keras.ops.std</c>) over <paramref name="axes"/> (null: every axis).
    /// Where the deviation is 0 the gradient is 0 (as PyTorch), not the NaN of a naive sqrt derivative.
    /// </summary>
    public static Tensor Std(Tensor x, int[]? axes = null, bool keepDims = false)
    {
        var y = Reduce(x, axes, keepDims, "std", Reduction.Variance, out var count);
        System.Numerics.Tensors.TensorPrimitives.Sqrt(y.Floats, y.Floats);
        if (GradientTape.IsRecording(x))
        {
            var kept = OpShapes.Reduce(x.Shape, axes, keepDims: true, "std");
            GradientTape.Record("std", y, [x], g =>
            {
                var std = Reshape(y, kept.ToArray());
                var factor = Where(Equal(std, 0f), 0f, Divide(Reshape(g, kept.ToArray()), std * count));
                return [Multiply(Deviation(x, axes), factor)];
            });
        }
        return y;
    }

    /// <summary>Standard deviation over one axis.</summary>
    public static Tensor Std(Tensor x, int axis, bool keepDims = false) => Std(x, [axis], keepDims);

    /// <summary>x minus its mean over <paramref name="axes"/> (the shared factor of the variance gradients).</summary>
    private static Tensor Deviation(Tensor x, int[]? axes) => Subtract(x, Mean(x, axes, keepDims: true));
}
