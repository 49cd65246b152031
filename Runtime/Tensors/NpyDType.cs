using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace NotebookKeras.Runtime.Tensors;

/// <summary>The element types a <c>.npy</c> file may hold that NotebookKeras reads.</summary>
internal enum NpyKind
{
    Float32,
    Float64,
    Int32,
    Int64,
    UInt8,
    Bool,
}

/// <summary>
/// A supported NumPy dtype descriptor ('&lt;f4', '&gt;i8', '|u1', ...) and how its elements become a tensor's:
/// float64 is rounded to float32, int64/uint8/bool become int32 (int64 only when every value fits).
/// </summary>
internal readonly record struct NpyDType(NpyKind Kind, bool BigEndian)
{
    /// <summary>For error messages: every descriptor <see cref="TryParse"/> accepts.</summary>
    public const string Supported =
        "'<f4' '>f4' (float32), '<f8' '>f8' (float64, read as float32), '<i4' '>i4' (int32), " +
        "'<i8' '>i8' (int64, read as int32), '|u1' (uint8, read as int32), '|b1' (bool, read as int32 0/1)";

    public int ItemSize => Kind switch
    {
        NpyKind.Float64 or NpyKind.Int64 => 8,
        NpyKind.Float32 or NpyKind.Int32 => 4,
        _ => 1,
    };

    /// <summary>The descriptor as NumPy writes it.</summary>
    public string Descr => (ItemSize == 1 ? "|" : BigEndian ? ">" : "<") + Kind switch
    {
        NpyKind.Float32 => "f4",
        NpyKind.Float64 => "f8",
        NpyKind.Int32 => "i4",
        NpyKind.Int64 => "i8",
        NpyKind.UInt8 => "u1",
        _ => "b1",
    };

    /// <summary>The dtype of the tensor the elements are read into.</summary>
    public DType TensorDType => Kind is NpyKind.Float32 or NpyKind.Float64 ? DType.Float32 : DType.Int32;

    /// <summary>True when the file's byte order differs from this machine's.</summary>
    public bool NeedsSwap => ItemSize > 1 && BigEndian == BitConverter.IsLittleEndian;

    /// <summary>The dtype NotebookKeras writes a tensor as: little-endian, as NumPy writes on x86 and ARM.</summary>
    public static NpyDType For(DType dtype) => dtype switch
    {
        DType.Float32 => new NpyDType(NpyKind.Float32, BigEndian: false),
        DType.Int32 => new NpyDType(NpyKind.Int32, BigEndian: false),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "NpyFile writes float32 and int32 tensors."),
    };

    public static bool TryParse(string descr, out NpyDType dtype)
    {
        dtype = default;
        if (descr.Length != 3) return false;
        var order = descr[0];
        NpyKind? kind = descr[1..] switch
        {
            "f4" => NpyKind.Float32,
            "f8" => NpyKind.Float64,
            "i4" => NpyKind.Int32,
            "i8" => NpyKind.Int64,
            "u1" => NpyKind.UInt8,
            "b1" => NpyKind.Bool,
            _ => null,
        };
        if (kind is not { } k) return false;
        // Single bytes have no byte order: NumPy writes '|', but '<' and '>' mean the same.
        var singleByte = k is NpyKind.UInt8 or NpyKind.Bool;
        if (!(order is '<' or '>' || (singleByte && order == '|'))) return false;
        dtype = new NpyDType(k, order == '>');
        return true;
    }

    /// <summary>
    /// Converts raw file elements (in the file's byte order) into <paramref name="destination"/>'s elements from flat index
    /// <paramref name="start"/> on. <paramref name="raw"/> is used as scratch (byte-swapped in place when needed).
    /// </summary>
    public void Decode(Span<byte> raw, Tensor destination, int start, string sourceName)
    {
        var count = raw.Length / ItemSize;
        if (count == 0) return;
        switch (Kind)
        {
            case NpyKind.Float32:
                SwappedInts(raw).CopyTo(MemoryMarshal.Cast<float, int>(destination.Floats.Slice(start, count)));
                break;
            case NpyKind.Int32:
                SwappedInts(raw).CopyTo(destination.Ints.Slice(start, count));
                break;
            case NpyKind.Float64:
                // Rounds to nearest, as NumPy's astype(float32) does.
                TensorPrimitives.ConvertTruncating<double, float>(MemoryMarshal.Cast<long, double>(SwappedLongs(raw)), destination.Floats.Slice(start, count));
                break;
            case NpyKind.Int64:
                {
                    var longs = SwappedLongs(raw);
                    if (TensorPrimitives.Min<long>(longs) < int.MinValue || TensorPrimitives.Max<long>(longs) > int.MaxValue)
                    {
                        var i = 0;
                        while (longs[i] is >= int.MinValue and <= int.MaxValue) i++;
                        throw new NpyFormatException(sourceName,
                            $"int64 value {longs[i]} at element {start + i} of the data does not fit in int32 (NotebookKeras reads integer arrays as int32 indices and labels).");
                    }
                    TensorPrimitives.ConvertTruncating<long, int>(longs, destination.Ints.Slice(start, count));
                    break;
                }
            case NpyKind.UInt8:
                TensorPrimitives.ConvertTruncating<byte, int>(raw, destination.Ints.Slice(start, count));
                break;
            case NpyKind.Bool:
                {
                    var ints = destination.Ints.Slice(start, count);
                    TensorPrimitives.ConvertTruncating<byte, int>(raw, ints);
                    TensorPrimitives.Min(ints, 1, ints); // NumPy reads any non-zero byte as True
                    break;
                }
        }
    }

    private Span<int> SwappedInts(Span<byte> raw)
    {
        var values = MemoryMarshal.Cast<byte, int>(raw);
        if (NeedsSwap) BinaryPrimitives.ReverseEndianness(values, values);
        return values;
    }

    private Span<long> SwappedLongs(Span<byte> raw)
    {
        var values = MemoryMarshal.Cast<byte, long>(raw);
        if (NeedsSwap) BinaryPrimitives.ReverseEndianness(values, values);
        return values;
    }
}
