using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.IO;

namespace NotebookKeras.Runtime.Tensors;

/// <summary>
/// Reads and writes NumPy's <c>.npy</c> format, so arrays move between NotebookKeras and Python (<c>np.load</c>/<c>np.save</c>).
/// Reads format versions 1.0, 2.0 and 3.0 with float32/float64 (as float32), int32/int64/uint8/bool (as int32), either byte
/// order, C or Fortran order. Writes float32 and int32 tensors exactly as <c>np.save</c> does (version 1.0, little-endian).
/// </summary>
public static class NpyFile
{
    // Elements are converted through a scratch buffer of this size, so reading never holds a second copy of a large array.
    private const int ChunkBytes = 1 << 20;

    /// <summary>Reads the array in the <c>.npy</c> file at <paramref name="path"/>.</summary>
    /// <exception cref="NpyFormatException">The file is not a valid .npy file, or holds a dtype NotebookKeras does not read.</exception>
    public static Tensor Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.SequentialScan);
        return Read(stream, path);
    }

    /// <summary>
    /// Reads one array from <paramref name="stream"/>, leaving it just after the array's data.
    /// <paramref name="sourceName"/> names the stream in error messages.
    /// </summary>
    /// <exception cref="NpyFormatException">The stream does not hold a valid .npy array of a dtype NotebookKeras reads.</exception>
    public static Tensor Read(Stream stream, string sourceName = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        var header = NpyHeader.Read(stream, sourceName);
        var dims = header.Shape.ToArray();
        // Fortran order stores the transpose's elements in C order: read that, then transpose back.
        var fortran = header.FortranOrder && dims.Length > 1;
        if (fortran) Array.Reverse(dims);
        var stored = new Shape(dims);
        var tensor = header.DType.TensorDType == DType.Float32 ? Tensor.Empty(stored) : Tensor.EmptyInt(stored);
        ReadData(stream, header, tensor, sourceName);
        return fortran ? Transpose(tensor, header.Shape) : tensor;
    }

    /// <summary>
    /// Writes <paramref name="tensor"/> to <paramref name="path"/> as a <c>.npy</c> file, atomically: the data goes to a temporary
    /// file in the same folder that then replaces the target, so a failure never leaves a half-written file.
    /// </summary>
    public static void Write(string path, Tensor tensor)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensor);
        AtomicFile.Write(path, stream => Write(stream, tensor));
    }

    /// <summary>Writes <paramref name="tensor"/> to <paramref name="stream"/> in <c>.npy</c> format.</summary>
    public static void Write(Stream stream, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensor);
        NpyHeader.Write(stream, tensor.DType, tensor.Shape);
        var bytes = tensor.DType == DType.Float32 ? MemoryMarshal.AsBytes(tensor.AsSpan()) : MemoryMarshal.AsBytes(tensor.AsIntSpan());
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(bytes);
            return;
        }
        // The file is little-endian whatever the machine: a big-endian machine swaps through a scratch buffer.
        var scratch = ArrayPool<byte>.Shared.Rent(Math.Min(ChunkBytes, bytes.Length));
        try
        {
            for (var start = 0; start < bytes.Length; start += ChunkBytes)
            {
                var chunk = bytes.Slice(start, Math.Min(ChunkBytes, bytes.Length - start));
                var words = MemoryMarshal.Cast<byte, int>(scratch.AsSpan(0, chunk.Length));
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, int>(chunk), words);
                stream.Write(scratch, 0, chunk.Length);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static void ReadData(Stream stream, NpyHeader header, Tensor tensor, string sourceName)
    {
        var dtype = header.DType;
        var total = (long)tensor.Size * dtype.ItemSize;
        if (total == 0) return;
        var scratch = ArrayPool<byte>.Shared.Rent((int)Math.Min(ChunkBytes, total));
        try
        {
            // ChunkBytes is a multiple of every item size, so chunks always hold whole elements.
            var chunkBytes = Math.Min(ChunkBytes, scratch.Length);
            for (long done = 0; done < total;)
            {
                var want = (int)Math.Min(chunkBytes, total - done);
                var got = stream.ReadAtLeast(scratch.AsSpan(0, want), want, throwOnEndOfStream: false);
                if (got < want)
                    throw new NpyFormatException(sourceName,
                        $"truncated data: shape {header.Shape} of dtype '{dtype.Descr}' needs {total} bytes, got {done + got}.");
                dtype.Decode(scratch.AsSpan(0, want), tensor, (int)(done / dtype.ItemSize), sourceName);
                done += want;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Reverses the axes of <paramref name="stored"/> (the C-order view of a Fortran-order array) into <paramref name="shape"/>.</summary>
    private static Tensor Transpose(Tensor stored, Shape shape)
    {
        var rank = shape.Rank;
        var perm = new int[rank];
        for (var i = 0; i < rank; i++) perm[i] = rank - 1 - i;
        if (stored.DType == DType.Float32)
        {
            var result = Tensor.Empty(shape);
            Permute.Run(stored.AsSpan(), stored.Shape.Dims, perm, result.Floats);
            return result;
        }
        var ints = Tensor.EmptyInt(shape);
        Permute.Run(stored.AsIntSpan(), stored.Shape.Dims, perm, ints.Ints);
        return ints;
    }
}
