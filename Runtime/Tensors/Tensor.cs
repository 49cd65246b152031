using NotebookKeras.Runtime.Autodiff;

namespace NotebookKeras.Runtime.Tensors;

/// <summary>
/// A dense, row-major tensor of float32 values (or int32 indices and labels). Tensors are values: every
/// operation returns a new tensor and nothing needs disposing; memory is managed by the GC. A tensor may
/// be a view on a contiguous range of another tensor's storage (batch slicing is free).
/// </summary>
public sealed partial class Tensor
{
    private readonly float[]? _floats;
    private readonly int[]? _ints;
    private readonly int _offset;

    internal Tensor(Shape shape, float[] storage, int offset = 0)
    {
        Shape = shape;
        DType = DType.Float32;
        _floats = storage;
        _offset = offset;
        if (offset + shape.Size > storage.Length)
            throw new ArgumentException($"Storage of {storage.Length} elements cannot hold shape {shape} at offset {offset}.");
    }

    internal Tensor(Shape shape, int[] storage, int offset = 0)
    {
        Shape = shape;
        DType = DType.Int32;
        _ints = storage;
        _offset = offset;
        if (offset + shape.Size > storage.Length)
            throw new ArgumentException($"Storage of {storage.Length} elements cannot hold shape {shape} at offset {offset}.");
    }

    /// <summary>The shape, batch axis first.</summary>
    public Shape Shape { get; }

    /// <summary>Element type.</summary>
    public DType DType { get; }

    /// <summary>Number of axes.</summary>
    public int Rank => Shape.Rank;

    /// <summary>Number of elements.</summary>
    public int Size => Shape.Size;

    /// <summary>The Keras mask attached by a masking layer (Keras's <c>_keras_mask</c>): true where a timestep is valid.</summary>
    internal Tensor? KerasMask { get; set; }

    /// <summary>The variable this tensor holds the value of, if any (the tape watches trainable ones).</summary>
    internal Variable? Owner { get; set; }

    /// <summary>The float32 elements, read-only.</summary>
    public ReadOnlySpan<float> AsSpan() => Floats;

    /// <summary>The int32 elements, read-only.</summary>
    public ReadOnlySpan<int> AsIntSpan() => Ints;

    /// <summary>The writable float32 elements; only kernels writing a fresh output, and variables, use it.</summary>
    internal Span<float> Floats => _floats is { } f
        ? f.AsSpan(_offset, Size)
        : throw new InvalidOperationException($"Expected a float32 tensor, got {DType.KerasName()} with shape {Shape}.");

    /// <summary>The writable int32 elements.</summary>
    internal Span<int> Ints => _ints is { } i
        ? i.AsSpan(_offset, Size)
        : throw new InvalidOperationException($"Expected an int32 tensor, got {DType.KerasName()} with shape {Shape}.");

    internal float[]? FloatStorage => _floats;

    internal int[]? IntStorage => _ints;

    internal int Offset => _offset;

    /// <summary>A new float32 tensor of zeros (internal: outputs of kernels).</summary>
    internal static Tensor Empty(Shape shape) => new(shape, shape.Size == 0 ? [] : new float[shape.Size]);

    /// <summary>A new int32 tensor of zeros.</summary>
    internal static Tensor EmptyInt(Shape shape) => new(shape, shape.Size == 0 ? Array.Empty<int>() : new int[shape.Size]);

    /// <summary>A tensor of this tensor's dtype with another shape over the same elements (no copy).</summary>
    internal Tensor WithShape(Shape shape)
    {
        if (shape.Size != Size)
            throw new ArgumentException($"Cannot view {Size} elements of shape {Shape} as shape {shape} ({shape.Size} elements).");
        return _floats is { } f ? new Tensor(shape, f, _offset) : new Tensor(shape, _ints!, _offset);
    }

    /// <summary>Builds a float32 tensor from a copy of <paramref name="data"/>; the shape defaults to 1-D.</summary>
    public static Tensor FromArray(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = shape.Length == 0 && data.Length != 1 ? new Shape(data.Length) : new Shape(shape);
        CheckCount(data.Length, s);
        return new Tensor(s, (float[])data.Clone());
    }

    /// <summary>Builds an int32 tensor from a copy of <paramref name="data"/>; the shape defaults to 1-D.</summary>
    public static Tensor FromArray(int[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = shape.Length == 0 && data.Length != 1 ? new Shape(data.Length) : new Shape(shape);
        CheckCount(data.Length, s);
        return new Tensor(s, (int[])data.Clone());
    }

    /// <summary>Builds a float32 matrix from a 2-D array.</summary>
    public static Tensor FromArray(float[,] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rows = data.GetLength(0);
        var cols = data.GetLength(1);
        var flat = new float[rows * cols];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
                flat[i * cols + j] = data[i, j];
        return new Tensor(new Shape(rows, cols), flat);
    }

    /// <summary>A float32 scalar (rank 0).</summary>
    public static Tensor Scalar(float value) => new(Shape.Scalar, [value]);

    /// <summary>An int32 scalar (rank 0).</summary>
    public static Tensor Scalar(int value) => new(Shape.Scalar, new[] { value });

    /// <summary>A float32 tensor of zeros.</summary>
    public static Tensor Zeros(params int[] shape) => Empty(new Shape(shape));

    /// <summary>A float32 tensor of ones.</summary>
    public static Tensor Ones(params int[] shape) => Full(new Shape(shape), 1f);

    /// <summary>A float32 tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(Shape shape, float value)
    {
        var t = Empty(shape);
        t.Floats.Fill(value);
        return t;
    }

    /// <summary>Values start, start+step, ... below stop (float32), like <c>numpy.arange</c>.</summary>
    public static Tensor Arange(float start, float stop, float step = 1f)
    {
        if (step == 0) throw new ArgumentException("Arange: step must not be 0.", nameof(step));
        var n = Math.Max(0, (int)Math.Ceiling((stop - start) / step));
        var data = new float[n];
        for (var i = 0; i < n; i++) data[i] = start + i * step;
        return new Tensor(new Shape(n), data);
    }

    /// <summary>The elements as a new float32 array (int32 tensors are converted).</summary>
    public float[] ToArray()
    {
        if (DType == DType.Float32) return Floats.ToArray();
        var ints = Ints;
        var result = new float[ints.Length];
        for (var i = 0; i < ints.Length; i++) result[i] = ints[i];
        return result;
    }

    /// <summary>The elements as a new int32 array (float32 tensors are truncated toward zero).</summary>
    public int[] ToIntArray()
    {
        if (DType == DType.Int32) return Ints.ToArray();
        var floats = Floats;
        var result = new int[floats.Length];
        for (var i = 0; i < floats.Length; i++) result[i] = (int)floats[i];
        return result;
    }

    /// <summary>The value of a one-element tensor.</summary>
    public float Item()
    {
        if (Size != 1)
            throw new InvalidOperationException($"Item() needs a tensor with exactly one element; this one has shape {Shape} ({Size} elements).");
        return DType == DType.Float32 ? Floats[0] : Ints[0];
    }

    /// <summary>The element at a full index (one coordinate per axis; negative coordinates count from the end).</summary>
    [System.Runtime.CompilerServices.IndexerName("Element")]
    public float this[params int[] index]
    {
        get
        {
            var flat = FlatIndex(index);
            return DType == DType.Float32 ? Floats[flat] : Ints[flat];
        }
    }

    private int FlatIndex(int[] index)
    {
        if (index.Length != Rank)
            throw new ArgumentException($"Index has {index.Length} coordinates, but the tensor has rank {Rank} (shape {Shape}).", nameof(index));
        var flat = 0;
        for (var axis = 0; axis < Rank; axis++)
        {
            var dim = Shape[axis];
            var i = index[axis] < 0 ? index[axis] + dim : index[axis];
            if ((uint)i >= (uint)dim)
                throw new IndexOutOfRangeException($"Index {index[axis]} is out of range for axis {axis} of size {dim} (shape {Shape}).");
            flat = flat * dim + i;
        }
        return flat;
    }

    private static void CheckCount(int count, Shape shape)
    {
        if (count != shape.Size)
            throw new ArgumentException($"FromArray: {count} values cannot fill shape {shape}, which needs {shape.Size}.");
    }
}
