using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

// Tile and repeat copy whole runs along one axis at a time: each is a take with a repeating index pattern, which also gives the
// backward (a scatter-add summing the copies) and int32 support.
public static partial class Ops
{
    /// <summary>
    /// Repeats x <paramref name="repeats"/>[i] times along each axis (NumPy <c>tile</c>: shorter repeats apply to the last axes,
    /// a longer list adds leading axes).
    /// </summary>
    public static Tensor Tile(Tensor x, int[] repeats)
    {
        ArgumentNullException.ThrowIfNull(x);
        var reps = OpShapes.TileRepeats(x.Shape, repeats);
        var y = x;
        if (reps.Length > x.Rank)
        {
            var dims = Enumerable.Repeat(1, reps.Length - x.Rank).Concat(x.Shape).ToArray();
            y = Reshape(x, dims);
        }
        for (var axis = 0; axis < reps.Length; axis++)
        {
            if (reps[axis] == 1) continue;
            var n = y.Shape[axis];
            var source = new int[n * reps[axis]];
            for (var i = 0; i < source.Length; i++) source[i] = i % n;
            y = Take(y, Tensor.FromArray(source, source.Length), axis);
        }
        return ReferenceEquals(y, x) ? Reshape(x, x.Shape.ToArray()) : y;
    }

    /// <summary>Repeats each element <paramref name="repeats"/> times along <paramref name="axis"/> (null: of x flattened).</summary>
    public static Tensor Repeat(Tensor x, int repeats, int? axis = null) => Repeat(x, [repeats], axis);

    /// <summary>Repeats element i along <paramref name="axis"/> repeats[i] times (or all by repeats[0] if it is the only count).</summary>
    public static Tensor Repeat(Tensor x, int[] repeats, int? axis = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        OpShapes.Repeat(x.Shape, repeats, axis);
        if (axis is null) return Repeat(Reshape(x, -1), repeats, 0);
        var a = x.Shape.NormalizeAxis(axis.Value);
        var n = x.Shape[a];
        var source = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var count = repeats.Length == 1 ? repeats[0] : repeats[i];
            for (var r = 0; r < count; r++) source.Add(i);
        }
        return Take(x, Tensor.FromArray(source.ToArray(), source.Count), a);
    }
}
