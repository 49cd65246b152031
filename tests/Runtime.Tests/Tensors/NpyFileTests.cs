using System.Buffers.Binary;
using System.Text.Json;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Tensors;

public sealed class NpyFileTests : IDisposable
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Expected = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixture("expected.json")));
        return doc.RootElement.GetProperty("files").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    });

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("nk-npy-");

    public void Dispose() => _temp.Delete(recursive: true);

    private static string Fixture(string name) => Path.Combine(ReferenceCases.Directory, "npy", name);

    public static IEnumerable<object[]> NumPyFiles => Expected.Value.Keys.Order().Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(NumPyFiles))]
    public void ReadsFilesWrittenByNumPy(string file)
    {
        var expected = ReferenceCase.ToTensor(Expected.Value[file]);
        TensorAssert.Equal(expected, NpyFile.Read(Fixture(file)), because: file);
    }

    [Fact]
    public void SpecialFloatsKeepTheirBits()
    {
        var x = NpyFile.Read(Fixture("f4_special.npy")).AsSpan();
        Assert.True(float.IsNaN(x[0]));
        Assert.Equal(float.PositiveInfinity, x[1]);
        Assert.Equal(float.NegativeInfinity, x[2]);
        Assert.True(float.IsNegative(x[3]) && x[3] == 0f, "-0.0 keeps its sign");
        Assert.Equal(float.Epsilon, x[4]);
        Assert.Equal(float.MaxValue, x[5]);
    }

    [Fact]
    public void ConvertedDTypesMatchTheirFloat32AndInt32Twins()
    {
        // The same data in every byte order, order and width reads into the same tensor.
        var f4 = NpyFile.Read(Fixture("f4_le.npy"));
        TensorAssert.Equal(f4, NpyFile.Read(Fixture("f4_be.npy")));
        TensorAssert.Equal(f4, NpyFile.Read(Fixture("f4_fortran.npy")));
        TensorAssert.Equal(f4, NpyFile.Read(Fixture("f4_v2.npy")));
        var i4 = NpyFile.Read(Fixture("i4_le.npy"));
        Assert.Equal(DType.Int32, i4.DType);
        foreach (var twin in new[] { "i4_be.npy", "i8_le.npy", "i8_be.npy", "i4_v3.npy" })
            TensorAssert.Equal(i4, NpyFile.Read(Fixture(twin)), because: twin);
        TensorAssert.Equal(i4.Reshape(6, 4), NpyFile.Read(Fixture("i8_be_fortran.npy")));
        Assert.Equal(DType.Float32, NpyFile.Read(Fixture("f8_be.npy")).DType);
    }

    [Theory]
    [InlineData("f4_le.npy")]
    [InlineData("i4_le.npy")]
    [InlineData("i4_matrix.npy")]
    [InlineData("f4_vector.npy")]
    [InlineData("f4_scalar.npy")]
    [InlineData("f4_empty.npy")]
    [InlineData("i4_empty.npy")]
    [InlineData("f4_special.npy")]
    public void WritesTheSameBytesAsNumPy(string file)
    {
        var stream = new MemoryStream();
        NpyFile.Write(stream, NpyFile.Read(Fixture(file)));
        Assert.Equal(File.ReadAllBytes(Fixture(file)), stream.ToArray());
    }

    [Theory]
    [InlineData("bad_magic.npy", "not a .npy file: it starts with 50 4B 03 04")]
    [InlineData("bad_version.npy", "unsupported .npy format version 4.0 (supported: 1.0, 2.0, 3.0)")]
    [InlineData("truncated_preamble.npy", "truncated preamble: expected 8 bytes")]
    [InlineData("truncated_header.npy", "truncated header: expected 118 bytes, got 30")]
    [InlineData("truncated_data.npy", "truncated data: shape (2, 3, 4) of dtype '<f4' needs 96 bytes, got 86")]
    [InlineData("bad_header_syntax.npy", "malformed header: expected ',' or ')', found '}'")]
    [InlineData("missing_key.npy", "malformed header: missing key 'shape'")]
    [InlineData("bad_shape.npy", "malformed header: 'shape' must be a tuple of non-negative ints below 2^31, got (2, -3)")]
    [InlineData("shape_not_tuple.npy", "malformed header: 'shape' must be a tuple of non-negative ints below 2^31, got [2, 3]")]
    [InlineData("not_a_dict.npy", "malformed header: expected a dict")]
    [InlineData("bad_utf8_v3.npy", "malformed header: a version 3.0 header must be UTF-8")]
    [InlineData("unsupported_c8.npy", "unsupported dtype '<c8': NotebookKeras reads '<f4' '>f4' (float32), '<f8'")]
    [InlineData("unsupported_structured.npy", "unsupported dtype [('a', '<f4'), ('b', '<i4')]")]
    [InlineData("i8_overflow.npy", "int64 value 1099511627776 at element 2 of the data does not fit in int32")]
    public void BadFilesGiveErrorsNamingTheFileAndTheProblem(string file, string problem)
    {
        var path = Fixture(file);
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.Read(path));
        Assert.Equal(path, e.SourceName);
        Assert.StartsWith($"{path}: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Theory]
    [InlineData("{\"descr\": \"<i4\", \"shape\": (2, 1), \"fortran_order\": False}")] // other quotes and order, no trailing comma
    [InlineData("{'descr':'<i4','fortran_order':False,'shape':(2L, 1L),}")] // Python 2's long ints
    [InlineData("  {\n 'descr' : '<i4' ,\n 'fortran_order' : True ,\n 'shape' : ( 2 , 1 , ) }")] // Fortran order of a column
    public void AcceptsEveryWayPythonCanSpellTheHeader(string header)
    {
        var x = NpyFile.Read(Npy(header, [7, 0, 0, 0, 9, 0, 0, 0]));
        TensorAssert.Equal(Tensor.FromArray([7, 9], 2, 1), x);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3), }", "'shape' must be a tuple of non-negative ints below 2^31, got 3")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3.5,), }", "expected ',' or ')', found '.'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }", "integer 99999999999999999999 is out of range")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2147483648,), }", "below 2^31, got (2147483648,)")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (65536, 65536), }", "shape (65536, 65536) has more elements than a tensor can hold")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }", "'fortran_order' must be True or False, got 0")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}", "unexpected key 'extra'")]
    [InlineData("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", "duplicate key 'descr'")]
    [InlineData("{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }", "unsupported dtype '<f2'")]
    [InlineData("{'descr': '|f4', 'fortran_order': False, 'shape': (1,), }", "unsupported dtype '|f4'")]
    [InlineData("{'descr': '<f4', 'fortran_order': false, 'shape': (1,), }", "unexpected name 'false'")]
    [InlineData("{'descr': '<f4, 'fortran_order': False, 'shape': (1,), }", "expected ',' or '}', found 'f'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), ", "unexpected end of header")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), } junk", "unexpected text after the value")]
    public void MalformedHeadersSayWhatIsWrong(string header, string problem)
    {
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.Read(Npy(header, new byte[16]), "crafted.npy"));
        Assert.StartsWith("crafted.npy: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void HostileHeadersFailWithoutExhaustingMemoryOrStack()
    {
        // A 4 GiB header length is refused before anything is allocated.
        var preamble = new byte[12];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0 }.CopyTo(preamble, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(preamble.AsSpan(8), uint.MaxValue);
        var big = Assert.Throws<NpyFormatException>(() => NpyFile.Read(new MemoryStream(preamble)));
        Assert.Contains("header length 4294967295 bytes is larger than", big.Message);

        var deep = Assert.Throws<NpyFormatException>(() => NpyFile.Read(Npy(new string('(', 10_000))));
        Assert.Contains("nesting deeper than", deep.Message);
    }

    [Fact]
    public void AnEmptyStreamIsNotANpyFile()
    {
        var e = Assert.Throws<NpyFormatException>(() => NpyFile.Read(new MemoryStream()));
        Assert.Equal("stream: not a .npy file: it starts with nothing (it is empty) instead of the magic string 93 4E 55 4D 50 59 (\"\\x93NUMPY\").", e.Message);
    }

    [Fact]
    public void ReadingAStreamStopsAfterTheArray()
    {
        var stream = new MemoryStream();
        NpyFile.Write(stream, Tensor.FromArray([1f, 2f, 3f]));
        NpyFile.Write(stream, Tensor.FromArray([4, 5], 1, 2));
        stream.Position = 0;
        TensorAssert.Equal(Tensor.FromArray([1f, 2f, 3f]), NpyFile.Read(stream));
        TensorAssert.Equal(Tensor.FromArray([4, 5], 1, 2), NpyFile.Read(stream));
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void RoundTripsTensorsOfEveryShape()
    {
        var storage = Enumerable.Range(0, 24).Select(i => i * 0.5f).ToArray();
        var cases = new[]
        {
            GradientCheck.Random(1, -5, 5, 3, 4, 5),
            Tensor.FromArray([int.MinValue, -1, 0, 1, int.MaxValue, 42], 2, 3),
            Tensor.Scalar(1.5f),
            Tensor.Scalar(-4),
            Tensor.Zeros(0, 4),
            Tensor.FromArray(Array.Empty<int>(), 2, 0, 3),
            new Tensor(new Shape(2, 3), storage, offset: 12), // a view into the middle of another tensor's storage
            GradientCheck.Random(2, -1, 1, 700, 600), // larger than one read chunk
        };
        foreach (var x in cases)
        {
            var path = Path.Combine(_temp.FullName, "x.npy");
            x.SaveNpy(path);
            var back = Tensor.LoadNpy(path);
            TensorAssert.Equal(x, back, because: $"shape {x.Shape}");
        }
    }

    [Fact]
    public void LargeBigEndianFloat64FilesConvertChunkByChunk()
    {
        var values = Enumerable.Range(0, 300_000).Select(i => Math.Sin(i) * 1e3).ToArray();
        var data = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleBigEndian(data.AsSpan(8 * i), values[i]);
        var x = NpyFile.Read(Npy("{'descr': '>f8', 'fortran_order': False, 'shape': (1000, 300), }", data));
        TensorAssert.Equal(Tensor.FromArray(values.Select(v => (float)v).ToArray(), 1000, 300), x);
    }

    [Fact]
    public void HugeRanksNeedFormatVersion2()
    {
        // Only a header over 64 KiB needs version 2.0, and only tens of thousands of axes make one.
        var x = Tensor.Zeros(Enumerable.Repeat(1, 22_000).ToArray());
        var stream = new MemoryStream();
        NpyFile.Write(stream, x);
        var bytes = stream.ToArray();
        Assert.Equal(2, bytes[6]);
        Assert.Equal(0, (12 + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8))) % 64);
        stream.Position = 0;
        Assert.Equal(x.Shape, NpyFile.Read(stream).Shape);
    }

    [Fact]
    public void WritingReplacesTheTargetAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(_temp.FullName, "weights.npy");
        Tensor.Ones(4, 4).SaveNpy(path);
        Tensor.FromArray([1, 2, 3]).SaveNpy(path);
        TensorAssert.Equal(Tensor.FromArray([1, 2, 3]), Tensor.LoadNpy(path));
        Assert.Equal(["weights.npy"], _temp.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public void AFailedWriteLeavesNoTemporaryFile()
    {
        // The target is a folder, so replacing it fails after the data was written to the temporary file.
        var target = _temp.CreateSubdirectory("taken.npy");
        var e = Assert.ThrowsAny<Exception>(() => Tensor.Ones(8).SaveNpy(target.FullName));
        Assert.True(e is IOException or UnauthorizedAccessException, e.ToString());
        Assert.Empty(_temp.GetFiles());
        Assert.True(target.Exists);
    }

    [Fact]
    public void MissingFilesThrowFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => Tensor.LoadNpy(Path.Combine(_temp.FullName, "absent.npy")));
    }

    /// <summary>A stream holding a .npy preamble with this header text, followed by <paramref name="data"/>.</summary>
    private static MemoryStream Npy(string header, byte[]? data = null)
    {
        var stream = new MemoryStream();
        stream.Write(NpyHeader.Preamble(header, 1));
        stream.Write(data ?? []);
        stream.Position = 0;
        return stream;
    }
}
