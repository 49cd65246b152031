using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace NotebookKeras.Visualizers.Tests.Images;

/// <summary>
/// An independent reader of the PNGs the visualizers write (8-bit, filter "none"): checks the signature and every chunk's CRC
/// (computed bit by bit, not with the encoder's table) and inflates the pixels.
/// </summary>
internal static partial class PngDecoder
{
    public sealed record Image(int Width, int Height, int Channels, byte[] Pixels);

    public static Image Decode(byte[] png)
    {
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        int width = 0, height = 0, channels = 0, position = 8;
        var idat = new MemoryStream();
        var types = new List<string>();
        while (true)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(position));
            var type = Encoding.ASCII.GetString(png, position + 4, 4);
            var typeAndData = png.AsSpan(position + 4, 4 + length);
            Assert.Equal(BitwiseCrc32(typeAndData), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position + 8 + length)));
            var data = png.AsSpan(position + 8, length);
            types.Add(type);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                channels = data[9] switch { 0 => 1, 2 => 3, 6 => 4, var t => throw new InvalidDataException($"color type {t}") };
                Assert.Equal([0, 0, 0], data[10..13].ToArray());
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            position += 12 + length;
            if (type == "IEND") break;
        }
        Assert.Equal(png.Length, position);
        Assert.Equal("IHDR", types[0]);
        Assert.Equal("IEND", types[^1]);

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var rows = raw.ToArray();
        var stride = width * channels;
        Assert.Equal(height * (stride + 1), rows.Length);
        var pixels = new byte[height * stride];
        for (var r = 0; r < height; r++)
        {
            Assert.Equal(0, rows[r * (stride + 1)]);
            rows.AsSpan(r * (stride + 1) + 1, stride).CopyTo(pixels.AsSpan(r * stride));
        }
        return new Image(width, height, channels, pixels);
    }

    /// <summary>The PNGs of every <c>&lt;img class="nk-image"&gt;</c> of an HTML fragment, in order.</summary>
    public static IReadOnlyList<Image> FromHtml(string html) =>
        ImageSource().Matches(html).Select(m => Decode(Convert.FromBase64String(m.Groups[1].Value))).ToList();

    public static uint BitwiseCrc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
        }
        return ~crc;
    }

    [GeneratedRegex("<img class=\"nk-image\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")]
    private static partial Regex ImageSource();
}
