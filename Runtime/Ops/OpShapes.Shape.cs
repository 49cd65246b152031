using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

// Shape rules of the shape ops (transpose, concatenate, slicing, take, pad, tile, ...). An unknown (-1) dimension stays unknown
// wherever the result depends on it.
public static partial class OpShapes
{
    /// <summary>Shape of <c>transpose(x, axes)</c>; null axes reverse the order.</summary>
    public static Shape Transpose(Shape x, int[]? axes)
    {
        var perm = Permutation(x, axes);
        var dims = new int[perm.Length];
        for (var i = 0; i < perm.Length; i++) dims[i] = x[perm[i]];
        return new Shape(dims);
    }

    /// <summary>The normalized permutation of a transpose (null: reversed axes); throws unless it permutes all axes once.</summary>
    internal static int[] Permutation(Shape x, int[]? axes)
    {
        var rank = x.Rank;
        if (axes is null)
        {
            var reversed = new int[rank];
            for (var i = 0; i < rank; i++) reversed[i] = rank - 1 - i;
            return reversed;
        }
        if (axes.Length != rank)
            throw new ArgumentException($"transpose: axes [{string.Join(", ", axes)}] must list each of the {rank} axes of shape {x} once; got {axes.Length} axes.", nameof(axes));
        var perm = new int[rank];
        var seen = new bool[rank];
        for (var i = 0; i < rank; i++)
        {
            perm[i] = Axis(axes[i], rank, "transpose", x, nameof(axes));
            if (seen[perm[i]])
                throw new ArgumentException($"transpose: axes [{string.Join(", ", axes)}] name axis {axes[i]} twice; they must be a permutation of the axes of shape {x}.", nameof(axes));
            seen[perm[i]] = true;
        }
        return perm;
    }

    /// <summary>Shape of <c>expand_dims(x, axis)</c>: a new size-1 axis at <paramref name="axis"/> (in -rank-1..rank).</summary>
    public static Shape ExpandDims(Shape x, int axis)
    {
        var a = Axis(axis, x.Rank + 1, "expand_dims", x);
        var dims = new List<int>(x.Dims.ToArray());
        dims.Insert(a, 1);
        return new Shape([.. dims]);
    }

    /// <summary>Shape of <c>squeeze(x, axes)</c>; null removes every size-1 axis. A named axis must have size 1.</summary>
    public static Shape Squeeze(Shape x, int[]? axes)
    {
        var remove = new bool[x.Rank];
        if (axes is null)
        {
            for (var i = 0; i < x.Rank; i++) remove[i] = x[i] == 1;
        }
        else
        {
            foreach (var axis in axes)
            {
                var a = Axis(axis, x.Rank, "squeeze", x);
                if (x[a] != 1 && x[a] != -1)
                    throw new ArgumentException($"squeeze: cannot squeeze axis {axis} of a tensor of shape {x}: its size is {x[a]}, not 1.", nameof(axes));
                remove[a] = true;
            }
        }
        var dims = new List<int>(x.Rank);
        for (var i = 0; i < x.Rank; i++) if (!remove[i]) dims.Add(x[i]);
        return new Shape([.. dims]);
    }

    /// <summary>Shape of <c>concatenate(tensors, axis)</c>: all shapes must agree except along <paramref name="axis"/>.</summary>
    public static Shape Concatenate(IReadOnlyList<Shape> shapes, int axis)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        if (shapes.Count == 0) throw new ArgumentException("concatenate: needs at least one tensor.", nameof(shapes));
        var first = shapes[0];
        if (first.Rank == 0) throw new ArgumentException("concatenate: tensors of rank 0 (scalars) cannot be concatenated; expand them to rank 1 first.", nameof(shapes));
        var a = Axis(axis, first.Rank, "concatenate", first);
        var dims = first.ToArray();
        for (var t = 1; t < shapes.Count; t++)
        {
            var s = shapes[t];
            if (s.Rank != first.Rank)
                throw new ArgumentException($"concatenate: tensor {t} has shape {s} (rank {s.Rank}), but tensor 0 has shape {first} (rank {first.Rank}); all tensors need the same rank.", nameof(shapes));
            for (var i = 0; i < dims.Length; i++)
            {
                if (i == a)
                {
                    dims[i] = dims[i] < 0 || s[i] < 0 ? -1 : dims[i] + s[i];
                }
                else if (s[i] != first[i] && s[i] != -1 && first[i] != -1)
                {
                    throw new ArgumentException(
                        $"concatenate: tensor {t} has shape {s}, which does not match tensor 0's shape {first} except along axis {axis} (axis {i}: {s[i]} vs {first[i]}).",
                        nameof(shapes));
                }
                else if (dims[i] == -1) dims[i] = s[i];
            }
        }
        return new Shape(dims);
    }

    /// <summary>Shape of <c>stack(tensors, axis)</c>: equal shapes, a new axis of size tensors.Count at <paramref name="axis"/>.</summary>
    public static Shape Stack(IReadOnlyList<Shape> shapes, int axis)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        if (shapes.Count == 0) throw new ArgumentException("stack: needs at least one tensor.", nameof(shapes));
        var first = shapes[0];
        for (var t = 1; t < shapes.Count; t++)
        {
            if (shapes[t] != first)
                throw new ArgumentException($"stack: tensor {t} has shape {shapes[t]}, but tensor 0 has shape {first}; stacked tensors must have equal shapes.", nameof(shapes));
        }
        var a = Axis(axis, first.Rank + 1, "stack", first);
        var dims = new List<int>(first.Dims.ToArray());
        dims.Insert(a, shapes.Count);
        return new Shape([.. dims]);
    }

    /// <summary>Shapes of <c>split(x, sections, axis)</c>: <paramref name="sections"/> equal pieces (the axis must divide evenly).</summary>
    public static Shape[] Split(Shape x, int sections, int axis) =>
        PieceShapes(x, axis, SplitRanges(x, sections, axis));

    /// <summary>Shapes of <c>split(x, indices, axis)</c>: pieces x[:i0], x[i0:i1], ..., x[ik:] along the axis (NumPy slicing rules).</summary>
    public static Shape[] Split(Shape x, int[] indices, int axis) =>
        PieceShapes(x, axis, SplitRanges(x, indices, axis));

    /// <summary>Start and length of each piece of an even split.</summary>
    internal static (int Start, int Length)[] SplitRanges(Shape x, int sections, int axis)
    {
        var a = Axis(axis, x.Rank, "split", x);
        if (sections <= 0)
            throw new ArgumentOutOfRangeException(nameof(sections), sections, $"split: the number of sections must be positive, got {sections}.");
        var dim = x[a];
        if (dim >= 0 && dim % sections != 0)
            throw new ArgumentException($"split: axis {axis} of shape {x} has size {dim}, which does not divide into {sections} equal sections; pass split indices instead.", nameof(sections));
        var ranges = new (int, int)[sections];
        var length = dim < 0 ? -1 : dim / sections;
        for (var i = 0; i < sections; i++) ranges[i] = (dim < 0 ? -1 : i * length, length);
        return ranges;
    }

    /// <summary>Start and length of each piece between split indices, clamped as Python slices are.</summary>
    internal static (int Start, int Length)[] SplitRanges(Shape x, int[] indices, int axis)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var a = Axis(axis, x.Rank, "split", x);
        var dim = x[a];
        var ranges = new (int, int)[indices.Length + 1];
        for (var i = 0; i <= indices.Length; i++)
        {
            if (dim < 0)
            {
                ranges[i] = (-1, -1);
                continue;
            }
            var start = i == 0 ? 0 : Clamp(indices[i - 1]);
            var end = i == indices.Length ? dim : Clamp(indices[i]);
            ranges[i] = (start, Math.Max(0, end - start));
        }
        return ranges;

        int Clamp(int index) => index < 0 ? Math.Max(0, index + dim) : Math.Min(index, dim);
    }

    private static Shape[] PieceShapes(Shape x, int axis, (int Start, int Length)[] ranges)
    {
        var a = x.NormalizeAxis(axis);
        var shapes = new Shape[ranges.Length];
        for (var i = 0; i < ranges.Length; i++) shapes[i] = x.WithDim(a, ranges[i].Length);
        return shapes;
    }

    /// <summary>
    /// Shape of <c>slice(x, startIndices, shape)</c>: the block of <paramref name="shape"/> at <paramref name="startIndices"/>; a size
    /// of -1 takes the rest of the axis. The block must lie inside x.
    /// </summary>
    public static Shape Slice(Shape x, int[] startIndices, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(startIndices);
        ArgumentNullException.ThrowIfNull(shape);
        if (startIndices.Length != x.Rank || shape.Length != x.Rank)
            throw new ArgumentException(
                $"slice: a tensor of shape {x} needs {x.Rank} start indices and {x.Rank} sizes; got [{string.Join(", ", startIndices)}] and [{string.Join(", ", shape)}].");
        var dims = new int[x.Rank];
        for (var i = 0; i < x.Rank; i++)
        {
            int start = startIndices[i], size = shape[i], dim = x[i];
            if (start < 0 || (dim >= 0 && start > dim))
                throw new ArgumentOutOfRangeException(nameof(startIndices), start, $"slice: start {start} is outside axis {i} of size {dim} (shape {x}).");
            if (size < -1)
                throw new ArgumentOutOfRangeException(nameof(shape), size, $"slice: size {size} for axis {i} is invalid; use a size >= 0, or -1 for the rest of the axis.");
            if (size == -1) dims[i] = dim < 0 ? -1 : dim - start;
            else if (dim >= 0 && start + size > dim)
                throw new ArgumentOutOfRangeException(nameof(shape), size, $"slice: start {start} + size {size} exceeds axis {i} of size {dim} (shape {x}).");
            else dims[i] = size;
        }
        return new Shape(dims);
    }

    /// <summary>Shape of <c>take(x, indices, axis)</c>: x's axis replaced by the indices' shape; null axis takes from x flattened.</summary>
    public static Shape Take(Shape x, Shape indices, int? axis)
    {
        if (axis is null) return indices;
        var a = Axis(axis.Value, x.Rank, "take", x);
        var dims = new List<int>(x.Rank + indices.Rank);
        for (var i = 0; i < a; i++) dims.Add(x[i]);
        dims.AddRange(indices);
        for (var i = a + 1; i < x.Rank; i++) dims.Add(x[i]);
        return new Shape([.. dims]);
    }

    /// <summary>Shape of <c>one_hot(indices, numClasses, axis)</c>: a new axis of size <paramref name="numClasses"/> at <paramref name="axis"/>.</summary>
    public static Shape OneHot(Shape indices, int numClasses, int axis)
    {
        if (numClasses < 0)
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, $"one_hot: numClasses must be >= 0, got {numClasses}.");
        var a = Axis(axis, indices.Rank + 1, "one_hot", indices);
        var dims = new List<int>(indices.Dims.ToArray());
        dims.Insert(a, numClasses);
        return new Shape([.. dims]);
    }

    /// <summary>Shape of <c>pad(x, padWidth)</c>: each axis grows by its (before, after) widths; one pair applies to every axis.</summary>
    public static Shape Pad(Shape x, (int Before, int After)[] padWidth)
    {
        var widths = PadWidths(x, padWidth);
        var dims = new int[x.Rank];
        for (var i = 0; i < x.Rank; i++) dims[i] = x[i] < 0 ? -1 : x[i] + widths[i].Before + widths[i].After;
        return new Shape(dims);
    }

    /// <summary>One (before, after) pair per axis, validated; a single pair is broadcast to every axis, as NumPy does.</summary>
    internal static (int Before, int After)[] PadWidths(Shape x, (int Before, int After)[] padWidth)
    {
        ArgumentNullException.ThrowIfNull(padWidth);
        var widths = padWidth.Length == 1 && x.Rank != 1 ? Enumerable.Repeat(padWidth[0], x.Rank).ToArray() : padWidth;
        if (widths.Length != x.Rank)
            throw new ArgumentException($"pad: padWidth has {padWidth.Length} (before, after) pairs, but the tensor has shape {x} (rank {x.Rank}); give one pair per axis.", nameof(padWidth));
        foreach (var (before, after) in widths)
        {
            if (before < 0 || after < 0)
                throw new ArgumentOutOfRangeException(nameof(padWidth), $"pad: widths must be >= 0; got ({before}, {after}) for shape {x}.");
        }
        return widths;
    }

    /// <summary>Shape of <c>tile(x, repeats)</c> (NumPy: shorter repeats are padded with leading 1s, a longer list adds leading axes).</summary>
    public static Shape Tile(Shape x, int[] repeats)
    {
        var reps = TileRepeats(x, repeats);
        var rank = reps.Length;
        var dims = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var d = i - (rank - x.Rank) >= 0 ? x[i - (rank - x.Rank)] : 1;
            dims[i] = d < 0 ? -1 : d * reps[i];
        }
        return new Shape(dims);
    }

    /// <summary>The repeats of a tile, one per output axis.</summary>
    internal static int[] TileRepeats(Shape x, int[] repeats)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        foreach (var r in repeats)
        {
            if (r < 0) throw new ArgumentOutOfRangeException(nameof(repeats), $"tile: repeats must be >= 0; got [{string.Join(", ", repeats)}].");
        }
        var rank = Math.Max(x.Rank, repeats.Length);
        var reps = new int[rank];
        Array.Fill(reps, 1);
        repeats.CopyTo(reps, rank - repeats.Length);
        return reps;
    }

    /// <summary>Shape of <c>repeat(x, repeats, axis)</c> with one count for every element; null axis repeats x flattened.</summary>
    public static Shape Repeat(Shape x, int repeats, int? axis) => Repeat(x, [repeats], axis);

    /// <summary>Shape of <c>repeat(x, repeats, axis)</c> with a count per element along the axis (or one count for all).</summary>
    public static Shape Repeat(Shape x, int[] repeats, int? axis)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        var flat = axis is null;
        var source = flat ? new Shape(x.IsFullyDefined ? x.Size : -1) : x;
        var a = Axis(axis ?? 0, source.Rank, "repeat", x);
        var dim = source[a];
        foreach (var r in repeats)
        {
            if (r < 0) throw new ArgumentOutOfRangeException(nameof(repeats), $"repeat: repeats must be >= 0; got [{string.Join(", ", repeats)}].");
        }
        if (repeats.Length == 1) return source.WithDim(a, dim < 0 ? -1 : dim * repeats[0]);
        if (dim >= 0 && repeats.Length != dim)
            throw new ArgumentException($"repeat: {repeats.Length} repeat counts for axis {(flat ? "of the flattened tensor" : axis)} of size {dim} (shape {x}); give one count, or one per element.", nameof(repeats));
        return source.WithDim(a, repeats.Sum());
    }

    /// <summary>
    /// Maps a possibly negative axis into [0, rank), or throws naming the op, the axis, x's shape and the valid range.
    /// <paramref name="rank"/> counts the valid positions: x's rank, or one more for ops that insert an axis.
    /// </summary>
    internal static int Axis(int axis, int rank, string op, Shape x, string argument = "axis")
    {
        var a = axis < 0 ? axis + rank : axis;
        if ((uint)a >= (uint)rank)
            throw new ArgumentOutOfRangeException(argument, axis, rank == 0
                ? $"{op}: {argument} {axis} is out of range: a tensor of shape {x} (rank 0) has no axes."
                : $"{op}: {argument} {axis} is out of range for a tensor of shape {x} (valid: {-rank}..{rank - 1}).");
        return a;
    }
}
