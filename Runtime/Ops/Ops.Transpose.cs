using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>
    /// Permutes the axes: output axis i is input axis axes[i]; null reverses them (a matrix transpose for rank 2). Float32 and
    /// int32.
    /// </summary>
    public static Tensor Transpose(Tensor x, int[]? axes = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        var perm = OpShapes.Permutation(x.Shape, axes);
        var shape = OpShapes.Transpose(x.Shape, axes);
        var y = Tensor.Empty(shape, x.DType);
        if (x.DType == DType.Float32) Permute.Run(x.AsSpan(), x.Shape.Dims, perm, y.Floats);
        else Permute.Run(x.AsIntSpan(), x.Shape.Dims, perm, y.Ints);
        if (GradientTape.IsRecording(x))
        {
            var inverse = new int[perm.Length];
            for (var i = 0; i < perm.Length; i++) inverse[perm[i]] = i;
            GradientTape.Record("transpose", y, [x], g => [Transpose(g, inverse)]);
        }
        return y;
    }
}
