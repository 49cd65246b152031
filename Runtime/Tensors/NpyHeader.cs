using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace NotebookKeras.Runtime.Tensors;

/// <summary>
/// The preamble of a <c>.npy</c> file: magic string, format version, header length, and the header dict
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c> padded with spaces and a newline so the data
/// starts at a multiple of 64 bytes. Reads versions 1.0, 2.0 and 3.0; writes exactly what NumPy's <c>np.save</c> writes.
/// </summary>
internal sealed record NpyHeader(NpyDType DType, bool FortranOrder, Shape Shape)
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private const int Align = 64;

    // NumPy pads the header so the first axis can grow to this many digits in place (np.lib.format, GROWTH_AXIS_MAX_DIGITS).
    private const int GrowthAxisMaxDigits = 21;

    // Far above any header of a supported dtype (a few hundred bytes); stops a hostile length from allocating gigabytes.
    private const int MaxHeaderLength = 1 << 20;

    private static readonly string[] Keys = ["descr", "fortran_order", "shape"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the preamble, leaving <paramref name="stream"/> at the first data byte.</summary>
    /// <exception cref="NpyFormatException">Bad magic, unsupported version or dtype, malformed or truncated header.</exception>
    public static NpyHeader Read(Stream stream, string sourceName)
    {
        Span<byte> prefix = stackalloc byte[8];
        var got = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        var magicSeen = Math.Min(got, Magic.Length);
        if (got == 0 || !prefix[..magicSeen].SequenceEqual(Magic[..magicSeen]))
            throw new NpyFormatException(sourceName,
                $"not a .npy file: it starts with {Hex(prefix[..got])} instead of the magic string 93 4E 55 4D 50 59 (\"\\x93NUMPY\").");
        if (got < prefix.Length)
            throw new NpyFormatException(sourceName, $"truncated preamble: expected {prefix.Length} bytes (magic string and version), got {got}.");

        int major = prefix[6], minor = prefix[7];
        if (minor != 0 || major is < 1 or > 3)
            throw new NpyFormatException(sourceName, $"unsupported .npy format version {major}.{minor} (supported: 1.0, 2.0, 3.0).");

        // Version 1.0 stores the header length in 2 bytes, later versions in 4, both little-endian.
        Span<byte> lengthBytes = stackalloc byte[major == 1 ? 2 : 4];
        got = stream.ReadAtLeast(lengthBytes, lengthBytes.Length, throwOnEndOfStream: false);
        if (got < lengthBytes.Length)
            throw new NpyFormatException(sourceName, $"truncated preamble: expected a {lengthBytes.Length}-byte header length, got {got} bytes.");
        var length = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (length > MaxHeaderLength)
            throw new NpyFormatException(sourceName, $"header length {length} bytes is larger than the {MaxHeaderLength} bytes NotebookKeras accepts.");

        var bytes = new byte[length];
        got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (got < bytes.Length)
            throw new NpyFormatException(sourceName, $"truncated header: expected {bytes.Length} bytes, got {got}.");

        string text;
        try
        {
            // Version 3.0 exists only to allow a UTF-8 header; earlier versions are latin-1.
            text = major == 3 ? StrictUtf8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new NpyFormatException(sourceName, "malformed header: a version 3.0 header must be UTF-8, and this one is not.");
        }
        return Parse(text, sourceName);
    }

    /// <summary>Validates a header dict's text: exactly the three keys, a supported dtype, a bool and a tuple of ints.</summary>
    internal static NpyHeader Parse(string text, string sourceName)
    {
        var literal = NpyLiteral.Parse(text, sourceName);
        if (literal.Kind != NpyLiteralKind.Dict)
            throw Malformed($"expected a dict, got {NpyLiteral.Quote(text)}");

        var entries = new Dictionary<string, NpyLiteral>();
        foreach (var (key, value) in literal.Entries)
        {
            if (key.Kind != NpyLiteralKind.String || Array.IndexOf(Keys, (string)key.Value!) < 0)
                throw Malformed($"unexpected key {key} (a .npy header has exactly the keys 'descr', 'fortran_order' and 'shape') in {NpyLiteral.Quote(text)}");
            if (!entries.TryAdd((string)key.Value!, value))
                throw Malformed($"duplicate key {key} in {NpyLiteral.Quote(text)}");
        }
        foreach (var key in Keys)
        {
            if (!entries.ContainsKey(key))
                throw Malformed($"missing key '{key}' (a .npy header has exactly the keys 'descr', 'fortran_order' and 'shape') in {NpyLiteral.Quote(text)}");
        }

        var shapeLiteral = entries["shape"];
        if (shapeLiteral.Kind != NpyLiteralKind.Tuple ||
            shapeLiteral.Items.Any(d => d.Kind != NpyLiteralKind.Int || (long)d.Value! is < 0 or > int.MaxValue))
            throw Malformed($"'shape' must be a tuple of non-negative ints below 2^31, got {shapeLiteral}");
        var dims = shapeLiteral.Items.Select(d => (int)(long)d.Value!).ToArray();

        var fortran = entries["fortran_order"];
        if (fortran.Kind != NpyLiteralKind.Bool)
            throw Malformed($"'fortran_order' must be True or False, got {fortran}");

        var descr = entries["descr"];
        if (descr.Kind != NpyLiteralKind.String || !NpyDType.TryParse((string)descr.Value!, out var dtype))
            throw new NpyFormatException(sourceName, $"unsupported dtype {descr}: NotebookKeras reads {NpyDType.Supported}.");

        if (!FitsInTensor(dims))
            throw new NpyFormatException(sourceName, $"shape {Shape.Format(dims)} has more elements than a tensor can hold ({int.MaxValue}).");
        return new NpyHeader(dtype, (bool)fortran.Value!, new Shape(dims));

        NpyFormatException Malformed(string problem) => new(sourceName, $"malformed header: {problem}.");
    }

    /// <summary>Writes the preamble NumPy writes for a C-order little-endian array of this dtype and shape.</summary>
    public static void Write(Stream stream, DType dtype, Shape shape)
    {
        var dims = shape.Dims;
        var text = new StringBuilder("{'descr': '").Append(NpyDType.For(dtype).Descr).Append("', 'fortran_order': False, 'shape': (");
        for (var i = 0; i < dims.Length; i++)
            text.Append(i == 0 ? "" : ", ").Append(dims[i].ToString(CultureInfo.InvariantCulture));
        text.Append(dims.Length == 1 ? ",), }" : "), }");
        if (dims.Length > 0)
            text.Append(' ', Math.Max(0, GrowthAxisMaxDigits - dims[0].ToString(CultureInfo.InvariantCulture).Length));
        var headerText = text.ToString();
        // Like np.save: version 1.0 unless the header outgrows its 2-byte length (only absurd ranks do).
        stream.Write(Preamble(headerText, PaddedLength(headerText, 1) <= ushort.MaxValue ? 1 : 2));
    }

    /// <summary>Magic, version <paramref name="major"/>.0, length and the padded header for a header dict's text.</summary>
    internal static byte[] Preamble(string headerText, int major)
    {
        var encoding = major == 3 ? StrictUtf8 : Encoding.Latin1;
        var lengthSize = major == 1 ? 2 : 4;
        var padded = PaddedLength(headerText, major);
        var bytes = new byte[Magic.Length + 2 + lengthSize + padded];
        Magic.CopyTo(bytes);
        bytes[6] = (byte)major;
        bytes[7] = 0;
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), checked((ushort)padded));
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)padded);
        var start = 8 + lengthSize;
        var written = encoding.GetBytes(headerText, bytes.AsSpan(start));
        bytes.AsSpan(start + written, padded - written - 1).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>The header length with NumPy's padding: spaces and a newline up to a multiple of 64 for the whole preamble.</summary>
    private static int PaddedLength(string headerText, int major)
    {
        var prefix = Magic.Length + 2 + (major == 1 ? 2 : 4);
        var length = (major == 3 ? StrictUtf8 : Encoding.Latin1).GetByteCount(headerText) + 1;
        // NumPy always adds padding, a whole 64 bytes when the header happens to be aligned already.
        return length + Align - (prefix + length) % Align;
    }

    private static bool FitsInTensor(int[] dims)
    {
        if (dims.Contains(0)) return true;
        long count = 1;
        foreach (var d in dims)
        {
            count *= d; // both factors are below 2^31, so this cannot overflow before the check
            if (count > int.MaxValue) return false;
        }
        return true;
    }

    private static string Hex(ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty ? "nothing (it is empty)" : string.Join(' ', bytes.ToArray().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
}
