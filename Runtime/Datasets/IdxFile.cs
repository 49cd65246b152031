using System.Buffers.Binary;
using System.IO.Compression;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Datasets;

/// <summary>
/// Reads the IDX format of the MNIST family (optionally gzip-compressed, as Keras downloads it): a magic number giving the
/// element type and rank, the dimensions as big-endian int32, then the data.
/// </summary>
public static class IdxFile
{
    /// <summary>Reads an unsigned-byte IDX file as a float32 tensor (images: raw 0..255 values) or int32 tensor (labels).</summary>
    public static Tensor Read(string path, DType dtype = DType.Float32)
    {
        byte[] bytes;
        try
        {
            using var file = File.OpenRead(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            bytes = memory.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"IDX file '{path}': not a valid gzip stream ({e.Message}).", e);
        }
        return Parse(bytes, path, dtype);
    }

    internal static Tensor Parse(ReadOnlySpan<byte> bytes, string source, DType dtype)
    {
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
            throw new InvalidDataException($"IDX file '{source}': bad magic number (expected 0x0000 then type and rank bytes).");
        if (bytes[2] != 0x08)
            throw new InvalidDataException($"IDX file '{source}': element type 0x{bytes[2]:X2} is not supported (only unsigned byte, 0x08).");
        var rank = bytes[3];
        var headerLength = 4 + 4 * rank;
        if (bytes.Length < headerLength)
            throw new InvalidDataException($"IDX file '{source}': truncated header (expected {headerLength} bytes, got {bytes.Length}).");
        var dims = new int[rank];
        long count = 1;
        for (var i = 0; i < rank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(4 + 4 * i));
            if (dims[i] < 0) throw new InvalidDataException($"IDX file '{source}': negative dimension {dims[i]} on axis {i}.");
            count *= dims[i];
        }
        var data = bytes[headerLength..];
        if (data.Length != count)
            throw new InvalidDataException($"IDX file '{source}': shape {Shape.Format(dims)} needs {count} bytes of data, the file has {data.Length}.");
        if (dtype == DType.Int32)
        {
            var ints = new int[count];
            for (var i = 0; i < ints.Length; i++) ints[i] = data[i];
            return new Tensor(new Shape(dims), ints);
        }
        var floats = new float[count];
        for (var i = 0; i < floats.Length; i++) floats[i] = data[i];
        return new Tensor(new Shape(dims), floats);
    }
}
