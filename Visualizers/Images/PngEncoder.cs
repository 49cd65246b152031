using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace NotebookKeras.Visualizers.Images;

/// <summary>
/// A minimal managed PNG writer (8 bits per sample, no interlace, filter "none"): enough for the small images a notebook shows
/// inline, with no native imaging library.
/// </summary>
internal static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // CRC-32 (ISO-HDLC, the one PNG uses), by the classic byte table; System.IO.Hashing is a package, not part of the framework.
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>
    /// The PNG file of <paramref name="pixels"/>, rows top to bottom, each pixel <paramref name="channels"/> bytes: 1 (gray),
    /// 3 (RGB) or 4 (RGBA).
    /// </summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var colorType = channels switch
        {
            1 => (byte)0,
            3 => (byte)2,
            4 => (byte)6,
            _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, "A PNG pixel has 1 (gray), 3 (RGB) or 4 (RGBA) channels."),
        };
        var stride = width * channels;
        if (pixels.Length != stride * height)
            throw new ArgumentException($"Expected {stride * height} bytes for {width}x{height}x{channels} pixels, got {pixels.Length}.", nameof(pixels));

        using var file = new MemoryStream();
        file.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = colorType;
        // compression 0 (deflate), filter method 0, interlace 0: already zero.
        WriteChunk(file, "IHDR", header);

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (var row = 0; row < height; row++)
                {
                    zlib.WriteByte(0); // filter type "none"
                    zlib.Write(pixels.Slice(row * stride, stride));
                }
            }
            WriteChunk(file, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    /// <summary>The CRC-32 of <paramref name="data"/> continuing from <paramref name="crc"/> (start from 0).</summary>
    public static uint Crc32(ReadOnlySpan<byte> data, uint crc = 0)
    {
        crc = ~crc;
        foreach (var b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static void WriteChunk(Stream file, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        file.Write(word);
        Span<byte> typeBytes = stackalloc byte[4];
        Encoding.ASCII.GetBytes(type, typeBytes);
        file.Write(typeBytes);
        file.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(data, Crc32(typeBytes)));
        file.Write(word);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
