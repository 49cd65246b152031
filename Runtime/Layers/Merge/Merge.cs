using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Merge;

/// <summary>
/// The base of the merge layers (Keras's <c>Merge</c>): several inputs, the same shape up to broadcasting, one output. The batch
/// sizes must agree; inputs of lower rank get size-1 axes inserted after the batch axis so that they broadcast against the others
/// (a (batch, 4) input merges with a (batch, 3, 4) one). The output mask is the OR of the input masks when every input has one.
/// </summary>
public abstract class Merge : Layer
{
    private bool _reshapeRequired;

    protected Merge(string? name, bool trainable, DType dtype) : base(name, trainable, dtype)
    {
    }

    public override bool SupportsMasking => true;

    /// <summary>Validates the input shapes (the merge layers have no weights), as Keras's <c>Merge.build</c>.</summary>
    public override void Build(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        if (inputShapes.Count < 1)
            throw new ArgumentException($"Layer '{Name}' ({ClassName}): a merge layer should be called on a list of at least 1 input. Received 0 inputs.");
        CheckBatchSizes(inputShapes);
        ElementwiseShape(inputShapes);
        _reshapeRequired = inputShapes.Select(s => s.Rank).Distinct().Count() > 1;
    }

    /// <summary>Merges the inputs after bringing them to the same rank; masks are passed along only when no reshape was needed (as Keras).</summary>
    protected internal override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training, IReadOnlyList<Tensor?> masks)
    {
        if (!_reshapeRequired) return [MergeFunction(inputs, masks)];
        var rank = inputs.Max(t => t.Rank);
        var reshaped = new Tensor[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var x = inputs[i];
            while (x.Rank < rank) x = Ops.ExpandDims(x, 1);
            reshaped[i] = x;
        }
        return [MergeFunction(reshaped, new Tensor?[inputs.Count])];
    }

    /// <summary>The merge itself, on inputs of equal rank; <paramref name="masks"/> holds one mask (or null) per input.</summary>
    protected abstract Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks);

    /// <summary>The broadcast of the inputs' shapes without their batch axis, with the one known batch size in front (else unknown).</summary>
    public override IReadOnlyList<Shape> ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        var batch = inputShapes.Where(s => s.Rank > 0 && s[0] >= 0).Select(s => s[0]).Distinct().ToArray();
        return [new Shape([batch.Length == 1 ? batch[0] : -1, .. ElementwiseShape(inputShapes).Dims])];
    }

    /// <summary>The OR of the input masks when every input has one, else none (Keras's default for the merge layers).</summary>
    public override IReadOnlyList<Tensor?> ComputeMask(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        if (masks.Count == 0 || masks.Any(m => m is null)) return [null];
        var output = AsBoolean(masks[0]!);
        for (var i = 1; i < masks.Count; i++) output = Ops.Maximum(output, AsBoolean(masks[i]!));
        return [output];
    }

    /// <summary>
    /// Keras's <c>_apply_merge_op_and_or_mask</c>, for operations without an identity element (maximum, minimum): where one input
    /// is masked out the other's value is used, and the output is the pairwise <paramref name="op"/> of the inputs in order.
    /// </summary>
    private protected static Tensor MergeSkippingMasked(Func<Tensor, Tensor, Tensor> op, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        var output = inputs[0];
        var outputMask = masks[0] is { } m0 ? MaskLike(m0, output) : null;
        for (var i = 1; i < inputs.Count; i++)
        {
            var x = inputs[i];
            var mask = masks[i] is { } m ? MaskLike(m, x) : null;
            if (mask is not null) x = Ops.Where(mask, x, output);
            if (outputMask is not null) output = Ops.Where(outputMask, output, x);
            outputMask = mask is not null && outputMask is not null ? Ops.Maximum(outputMask, mask) : null;
            output = op(output, x);
        }
        return output;
    }

    /// <summary>A mask as float 0/1 (masks may be int32 or float32, true where non-zero).</summary>
    private protected static Tensor AsBoolean(Tensor mask) => Ops.NotEqual(mask, 0f);

    /// <summary>A mask over the leading axes of <paramref name="x"/> (e.g. (batch, time)) broadcast to x's shape, as 0/1 floats.</summary>
    private protected static Tensor MaskLike(Tensor mask, Tensor x)
    {
        var m = AsBoolean(mask);
        if (m.Rank < x.Rank) m = Ops.ExpandDims(m, -1);
        return Ops.BroadcastTo(m, x.Shape);
    }

    /// <summary>Formats several shapes as Keras prints a list of them: [(None, 8), (None, 5)].</summary>
    private protected static string Format(IReadOnlyList<Shape> shapes) => "[" + string.Join(", ", shapes) + "]";

    private void CheckBatchSizes(IReadOnlyList<Shape> shapes)
    {
        var batch = shapes.Where(s => s.Rank > 0 && s[0] >= 0).Select(s => s[0]).Distinct().Count();
        if (batch > 1)
            throw new ArgumentException(
                $"Layer '{Name}' ({ClassName}): cannot merge tensors with different batch sizes. Received tensors with shapes {Format(shapes)}");
    }

    /// <summary>The broadcast of the shapes without their batch axis, aligned on their last axes; unknown where either is unknown.</summary>
    private Shape ElementwiseShape(IReadOnlyList<Shape> shapes)
    {
        var output = Tail(shapes[0]);
        for (var i = 1; i < shapes.Count; i++)
        {
            var tail = Tail(shapes[i]);
            var (longer, shorter) = output.Rank >= tail.Rank ? (output, tail) : (tail, output);
            var dims = longer.ToArray();
            var offset = longer.Rank - shorter.Rank;
            for (var k = 0; k < shorter.Rank; k++)
            {
                int a = longer[offset + k], b = shorter[k];
                dims[offset + k] = a < 0 || b < 0 ? -1 : a == 1 ? b : b == 1 ? a : a == b ? a : throw new ArgumentException(
                    $"Layer '{Name}' ({ClassName}): inputs have incompatible shapes. Received shapes {longer} and {shorter} " +
                    $"(without the batch axis; full input shapes: {Format(shapes)})");
            }
            output = new Shape(dims);
        }
        return output;
    }

    private static Shape Tail(Shape s) => s.Rank == 0 ? s : new Shape(s.Dims[1..]);
}
