using System.Text.Json;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Tensors;

/// <summary>
/// Files NotebookKeras writes must load in NumPy: Reference/check_npy.py loads each with np.load and compares dtype, shape
/// and values with an expected.json written next to them. CI installs python3-numpy, so a missing NumPy fails the test.
/// </summary>
public sealed class NpyInteropTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("nk-npy-interop-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void NumPyLoadsFilesWrittenByNotebookKeras()
    {
        var specials = GradientCheck.Random(3, -100, 100, 2, 3, 4).ToArray();
        float[] edge = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, float.Epsilon, float.MaxValue, float.MinValue];
        edge.CopyTo(specials, 5);
        var storage = Enumerable.Range(0, 30).Select(i => i * 0.25f).ToArray();
        var tensors = new Dictionary<string, Tensor>
        {
            ["float_3d.npy"] = Tensor.FromArray(specials, 2, 3, 4),
            ["int_matrix.npy"] = Tensor.FromArray([int.MinValue, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, int.MaxValue], 3, 5),
            ["float_scalar.npy"] = Tensor.Scalar(2.5f),
            ["int_scalar.npy"] = Tensor.Scalar(-3),
            ["float_empty.npy"] = Tensor.Zeros(0, 4),
            ["int_empty_wide.npy"] = Tensor.FromArray(Array.Empty<int>(), 1_000_000, 0),
            ["vector.npy"] = Tensor.Arange(0, 7),
            ["rank5.npy"] = GradientCheck.Random(4, -1, 1, 1, 2, 1, 3, 2),
            ["view.npy"] = new Tensor(new Shape(4, 5), storage, offset: 10),
            ["large.npy"] = GradientCheck.Random(5, -1, 1, 200, 300),
        };
        foreach (var (name, tensor) in tensors)
            tensor.SaveNpy(Path.Combine(_folder.FullName, name));
        // The stream entry point too.
        tensors["from_stream.npy"] = GradientCheck.Random(6, -1, 1, 3, 2);
        using (var stream = File.Create(Path.Combine(_folder.FullName, "from_stream.npy")))
            NpyFile.Write(stream, tensors["from_stream.npy"]);
        WriteExpected(tensors);

        var (exitCode, output) = RunChecker();
        Assert.True(exitCode == 0, $"check_npy.py exited with {exitCode}:\n{output}");
        Assert.Contains($"{tensors.Count} of {tensors.Count} files ok", output);
    }

    private void WriteExpected(Dictionary<string, Tensor> tensors)
    {
        using var stream = File.Create(Path.Combine(_folder.FullName, "expected.json"));
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteStartObject("files");
        foreach (var (name, tensor) in tensors)
        {
            json.WriteStartObject(name);
            json.WriteStartArray("shape");
            foreach (var d in tensor.Shape) json.WriteNumberValue(d);
            json.WriteEndArray();
            json.WriteString("dtype", tensor.DType.KerasName());
            json.WriteStartArray("data");
            if (tensor.DType == DType.Int32)
                foreach (var v in tensor.AsIntSpan()) json.WriteNumberValue(v);
            else
                foreach (var v in tensor.AsSpan()) WriteFloat(json, v);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteFloat(Utf8JsonWriter json, float v)
    {
        if (float.IsNaN(v)) json.WriteStringValue("nan");
        else if (float.IsInfinity(v)) json.WriteStringValue(v > 0 ? "inf" : "-inf");
        else if (float.IsNegative(v) && v == 0) json.WriteRawValue("-0.0"); // "-0" would parse as the int 0 and lose the sign
        // As a double, so Python parses the exact float32 value rather than a decimal it might round differently.
        else json.WriteNumberValue((double)v);
    }

    private (int ExitCode, string Output) RunChecker() => PythonScript.Run("check_npy.py", "python3-numpy", _folder.FullName);
}
