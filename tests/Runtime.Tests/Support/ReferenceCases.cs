using System.Text.Json;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Tests.Support;

/// <summary>
/// Reference values produced by an independent framework (PyTorch) with the generator scripts in tests/Runtime.Tests/Reference.
/// Each JSON file holds {"generator": ..., "cases": [{"name", "op", "args", "inputs": [tensor], "output": tensor}]},
/// a tensor being {"shape": [...], "dtype": "float32"|"int32", "data": [...]}.
/// </summary>
public static class ReferenceCases
{
    private static readonly Dictionary<string, JsonElement[]> Cache = [];

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Reference");

    /// <summary>All cases of a reference file, for xunit [MemberData]: one row per case name.</summary>
    public static IEnumerable<object[]> Names(string file) => Load(file).Select(c => new object[] { c.GetProperty("name").GetString()! });

    /// <summary>The case called <paramref name="name"/> in <paramref name="file"/>.</summary>
    public static ReferenceCase Get(string file, string name)
    {
        var element = Load(file).Single(c => c.GetProperty("name").GetString() == name);
        return new ReferenceCase(element);
    }

    private static JsonElement[] Load(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var cases))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, file)));
                cases = doc.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToArray();
                Cache[file] = cases;
            }
            return cases;
        }
    }
}

/// <summary>One reference case: its op name, arguments, input tensors and expected output.</summary>
public sealed class ReferenceCase(JsonElement element)
{
    public string Name => element.GetProperty("name").GetString()!;

    public string Op => element.TryGetProperty("op", out var op) ? op.GetString()! : Name;

    public JsonElement Args => element.TryGetProperty("args", out var a) ? a : default;

    public Tensor[] Inputs => element.GetProperty("inputs").EnumerateArray().Select(ToTensor).ToArray();

    public Tensor Output => ToTensor(element.GetProperty("output"));

    /// <summary>Several outputs, when the case has "outputs".</summary>
    public Tensor[] Outputs => element.GetProperty("outputs").EnumerateArray().Select(ToTensor).ToArray();

    public int Int(string arg) => Args.GetProperty(arg).GetInt32();

    public float Float(string arg) => Args.GetProperty(arg).GetSingle();

    public bool Bool(string arg) => Args.GetProperty(arg).GetBoolean();

    public bool Has(string arg) => Args.ValueKind == JsonValueKind.Object && Args.TryGetProperty(arg, out var v) && v.ValueKind != JsonValueKind.Null;

    public int[] Ints(string arg) => Args.GetProperty(arg).EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public string String(string arg) => Args.GetProperty(arg).GetString()!;

    public override string ToString() => Name;

    public static Tensor ToTensor(JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        var dtype = e.TryGetProperty("dtype", out var dt) ? dt.GetString() : "float32";
        var data = e.GetProperty("data");
        if (dtype == "int32")
            return Tensor.FromArray(data.EnumerateArray().Select(v => v.GetInt32()).ToArray(), shape.Length == 0 ? [] : shape).Reshape(shape);
        var values = data.EnumerateArray().Select(v => v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() switch
            {
                "nan" => float.NaN,
                "inf" => float.PositiveInfinity,
                "-inf" => float.NegativeInfinity,
                var s => throw new FormatException($"Unknown float literal '{s}'."),
            },
            _ => v.GetSingle(),
        }).ToArray();
        return Tensor.FromArray(values, shape.Length == 0 ? [] : shape).Reshape(shape);
    }
}
