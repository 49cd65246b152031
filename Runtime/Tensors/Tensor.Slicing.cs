using System.Runtime.CompilerServices;

namespace NotebookKeras.Runtime.Tensors;

// Slicing conveniences; each delegates to a differentiable op in Ops.
public sealed partial class Tensor
{
    /// <summary>
    /// Ranges of the leading axes, e.g. <c>x[10..20]</c> or <c>x[.., 1..3]</c>; axes not given are kept whole. Contiguous blocks
    /// (ranges of the batch axis) are views on this tensor's storage.
    /// </summary>
    [IndexerName("Element")]
    public Tensor this[params Range[] ranges]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(ranges);
            if (ranges.Length > Rank)
                throw new ArgumentException($"Tensor indexer: {ranges.Length} ranges for a tensor of shape {Shape} (rank {Rank}).", nameof(ranges));
            var start = new int[Rank];
            var size = Shape.ToArray();
            for (var axis = 0; axis < ranges.Length; axis++)
            {
                var dim = Shape[axis];
                int s = ranges[axis].Start.GetOffset(dim), e = ranges[axis].End.GetOffset(dim);
                if (s < 0 || e > dim || s > e)
                    throw new ArgumentOutOfRangeException(nameof(ranges), $"Tensor indexer: range {ranges[axis]} is outside axis {axis} of size {dim} (shape {Shape}).");
                start[axis] = s;
                size[axis] = e - s;
            }
            return Ops.Slice(this, start, size);
        }
    }

    /// <summary>Elements [start, start + count) of the batch axis as a view sharing this tensor's storage (no copy).</summary>
    public Tensor Batch(int start, int count)
    {
        if (Rank == 0)
            throw new InvalidOperationException("Batch: a scalar tensor has no batch axis.");
        if (start < 0 || count < 0 || start + count > Shape[0])
            throw new ArgumentOutOfRangeException(nameof(start), $"Batch: rows [{start}, {start + count}) are outside the batch axis of size {Shape[0]} (shape {Shape}).");
        var begin = new int[Rank];
        begin[0] = start;
        var size = Shape.ToArray();
        size[0] = count;
        return Ops.Slice(this, begin, size);
    }

    /// <summary>The rows at <paramref name="indices"/> of the batch axis, copied (e.g. a shuffled mini-batch).</summary>
    public Tensor Batch(int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return Ops.Take(this, FromArray(indices, indices.Length), axis: 0);
    }

    /// <summary>A new float32 or int32 tensor of zeros.</summary>
    internal static Tensor Empty(Shape shape, DType dtype) => dtype == DType.Float32 ? Empty(shape) : EmptyInt(shape);

    /// <summary>A view of <paramref name="shape"/> on this tensor's storage, <paramref name="offset"/> elements past its start.</summary>
    internal Tensor View(Shape shape, int offset) => _floats is { } f
        ? new Tensor(shape, f, _offset + offset)
        : new Tensor(shape, _ints!, _offset + offset);
}
