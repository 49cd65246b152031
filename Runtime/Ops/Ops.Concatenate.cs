using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class Ops
{
    /// <summary>Joins tensors of equal shape (except along <paramref name="axis"/>) and dtype along an existing axis.</summary>
    public static Tensor Concatenate(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var inputs = tensors.ToArray();
        var shapes = new Shape[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            var t = inputs[i] ?? throw new ArgumentNullException(nameof(tensors), $"concatenate: tensor {i} is null.");
            if (t.DType != inputs[0].DType)
                throw new ArgumentException($"concatenate: tensor {i} is {t.DType.KerasName()} but tensor 0 is {inputs[0].DType.KerasName()}; all tensors need the same dtype.", nameof(tensors));
            shapes[i] = t.Shape;
        }
        var shape = OpShapes.Concatenate(shapes, axis);
        var a = shape.NormalizeAxis(axis);
        var y = Tensor.Empty(shape, inputs[0].DType);
        var starts = new int[inputs.Length];
        var start = new int[shape.Rank];
        for (var i = 0; i < inputs.Length; i++)
        {
            var t = inputs[i];
            starts[i] = start[a];
            if (t.DType == DType.Float32) Slicing.Insert(t.AsSpan(), y.Floats, shape.Dims, start, t.Shape.Dims);
            else Slicing.Insert(t.AsIntSpan(), y.Ints, shape.Dims, start, t.Shape.Dims);
            start[a] += t.Shape[a];
        }
        if (GradientTape.IsRecording(inputs))
        {
            GradientTape.Record("concatenate", y, inputs, g =>
            {
                var grads = new Tensor?[inputs.Length];
                var begin = new int[shape.Rank];
                for (var i = 0; i < inputs.Length; i++)
                {
                    begin[a] = starts[i];
                    grads[i] = Slice(g, begin, inputs[i].Shape.ToArray());
                }
                return grads;
            });
        }
        return y;
    }

    /// <summary>Joins tensors of equal shape and dtype along a new axis at <paramref name="axis"/> (-rank-1..rank).</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var shapes = new Shape[tensors.Count];
        for (var i = 0; i < shapes.Length; i++)
            shapes[i] = (tensors[i] ?? throw new ArgumentNullException(nameof(tensors), $"stack: tensor {i} is null.")).Shape;
        var shape = OpShapes.Stack(shapes, axis);
        var a = shape.NormalizeAxis(axis);
        var expanded = new Tensor[shapes.Length];
        for (var i = 0; i < expanded.Length; i++) expanded[i] = ExpandDims(tensors[i], a);
        return Concatenate(expanded, a);
    }
}
