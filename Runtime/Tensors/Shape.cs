using System.Collections;
using System.Runtime.CompilerServices;

namespace NotebookKeras.Runtime.Tensors;

/// <summary>
/// An immutable tensor shape, batch axis first. A dimension of -1 means "unknown" (Keras's <c>None</c>),
/// which only symbolic shapes carry; concrete tensors always have known dimensions.
/// </summary>
[CollectionBuilder(typeof(Shape), nameof(Create))]
public sealed class Shape : IEquatable<Shape>, IReadOnlyList<int>
{
    private readonly int[] _dims;

    /// <summary>The shape of a scalar: rank 0, one element.</summary>
    public static readonly Shape Scalar = new([]);

    public Shape(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        foreach (var d in dims)
        {
            if (d < -1)
                throw new ArgumentException($"Invalid shape {Format(dims)}: dimensions must be >= 0 (or -1 for unknown).", nameof(dims));
        }
        _dims = (int[])dims.Clone();
    }

    public Shape(ReadOnlySpan<int> dims) : this(dims.ToArray()) { }

    /// <summary>Builds a shape from a collection expression: <c>Shape s = [2, 3];</c>.</summary>
    public static Shape Create(ReadOnlySpan<int> dims) => new(dims);

    /// <summary>Number of axes.</summary>
    public int Rank => _dims.Length;

    /// <summary>The dimensions.</summary>
    public ReadOnlySpan<int> Dims => _dims;

    int IReadOnlyCollection<int>.Count => _dims.Length;

    /// <summary>Dimension of <paramref name="axis"/>; negative axes count from the end.</summary>
    public int this[int axis] => _dims[NormalizeAxis(axis)];

    /// <summary>True when every dimension is known.</summary>
    public bool IsFullyDefined => Array.IndexOf(_dims, -1) < 0;

    /// <summary>Number of elements (product of the dimensions; 1 for a scalar).</summary>
    public int Size
    {
        get
        {
            long size = 1;
            foreach (var d in _dims)
            {
                if (d < 0)
                    throw new InvalidOperationException($"Shape {this} has an unknown dimension; its size is undefined.");
                size *= d;
            }
            if (size > int.MaxValue)
                throw new InvalidOperationException($"Shape {this} has {size} elements, more than a tensor can hold ({int.MaxValue}).");
            return (int)size;
        }
    }

    /// <summary>Maps a possibly negative axis into [0, Rank), or throws naming the axis and the rank.</summary>
    public int NormalizeAxis(int axis) => NormalizeAxis(axis, Rank);

    /// <summary>Maps a possibly negative axis into [0, rank).</summary>
    public static int NormalizeAxis(int axis, int rank)
    {
        var a = axis < 0 ? axis + rank : axis;
        if ((uint)a >= (uint)rank)
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"Axis {axis} is out of range for a tensor of rank {rank} (valid: {-rank}..{rank - 1}).");
        return a;
    }

    /// <summary>Row-major strides in elements.</summary>
    public int[] Strides()
    {
        var strides = new int[Rank];
        var s = 1;
        for (var i = Rank - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= _dims[i];
        }
        return strides;
    }

    /// <summary>A copy of the dimensions.</summary>
    public int[] ToArray() => (int[])_dims.Clone();

    /// <summary>Product of the dimensions in [start, end).</summary>
    public int Product(int start, int end)
    {
        var p = 1;
        for (var i = start; i < end; i++) p *= _dims[i];
        return p;
    }

    /// <summary>This shape with <paramref name="axis"/> replaced by <paramref name="dim"/>.</summary>
    public Shape WithDim(int axis, int dim)
    {
        var d = ToArray();
        d[NormalizeAxis(axis)] = dim;
        return new Shape(d);
    }

    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)_dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _dims.GetEnumerator();

    public bool Equals(Shape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);

    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in _dims) h.Add(d);
        return h.ToHashCode();
    }

    public static bool operator ==(Shape? a, Shape? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(Shape? a, Shape? b) => !(a == b);

    public static implicit operator Shape(int[] dims) => new(dims);

    /// <summary>Keras's notation: <c>(None, 28, 28)</c>, <c>(10,)</c>, <c>()</c>.</summary>
    public override string ToString() => Format(_dims);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static string Format(ReadOnlySpan<int> dims)
    {
        if (dims.Length == 1) return $"({Dim(dims[0])},)";
        var parts = new string[dims.Length];
        for (var i = 0; i < dims.Length; i++) parts[i] = Dim(dims[i]);
        return "(" + string.Join(", ", parts) + ")";

        static string Dim(int d) => d < 0 ? "None" : d.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
