using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Saving.Tfjs;

/// <summary>
/// The <c>weightsManifest</c> of a TensorFlow.js <c>model.json</c> and its binary shards: each group lists shard files (read
/// in order, concatenated) and the weights stored in them, back to back, as raw little-endian values. TensorFlow.js names a
/// weight <c>layer/weight</c> (<c>bidirectional/forward_lstm/kernel</c> inside wrappers; converted Keras files may carry
/// <c>:0</c> and a cell scope, <c>lstm/lstm_cell/kernel:0</c>), and lists a model's trainable weights before its
/// non-trainable ones. So each entry goes to the layer named by its first segment, where the layer's entries in order are
/// its trainable then non-trainable variables; the last segment must be the variable's name, and the shapes must agree.
/// </summary>
internal static class TfjsWeightsManifest
{
    private sealed record Entry(string Name, int[] Shape, string DType, Quantization? Quantization, string Group)
    {
        public long Count => Shape.Aggregate(1L, (n, d) => checked(n * d));

        public int BytesPerValue => Quantization?.DType switch
        {
            "uint8" => 1,
            "uint16" or "float16" => 2,
            _ => 4,
        };
    }

    private sealed record Quantization(string DType, double Scale, double Min);

    /// <summary>
    /// Reads every weight the manifest lists into the matching variables of <paramref name="model"/>: all are read and
    /// checked first, then assigned, so a failed load leaves the model unchanged.
    /// </summary>
    public static void Load(Model model, JsonNode? manifest, string directory, string source)
    {
        if (manifest is not JsonArray groups)
            throw new KerasFormatException($"'{source}': 'weightsManifest' must be a list of {{\"paths\", \"weights\"}} groups; got {manifest?.ToJsonString() ?? "nothing"}.");
        var variables = VariablesByLayer(model);
        var assigned = new Dictionary<Variable, string>(ReferenceEqualityComparer.Instance);
        var values = new List<(Variable Variable, Tensor Value)>();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g] as JsonObject ?? throw new KerasFormatException($"'{source}': weightsManifest[{g}] must be an object.");
            var paths = Strings(group["paths"], $"weightsManifest[{g}].paths", source);
            var entries = Entries(group["weights"], g, source);
            // Each entry's variable is found (and its shape checked) before any shard is read, and the shards' sizes must be
            // exactly what the entries need: nothing is allocated beyond what the files on disk hold.
            var targets = entries.Select(e => e.Group == "optimizer" ? null : Target(e, variables, assigned, source)).ToList();
            var bytes = ReadShards(directory, paths, GroupBytes(entries, g, source), g, source);
            var offset = 0;
            for (var i = 0; i < entries.Count; i++)
            {
                var size = (int)(entries[i].Count * entries[i].BytesPerValue);
                if (targets[i] is { } variable) values.Add((variable, Decode(entries[i], bytes.AsSpan(offset, size), variable)));
                offset += size;
            }
        }
        var missing = variables.Layers.SelectMany(kv => kv.Value).Where(v => !assigned.ContainsKey(v)).ToList();
        if (missing.Count > 0)
            throw new KerasFormatException(
                $"'{source}': weightsManifest has no entry for {missing.Count} of the model's weights: {string.Join(", ", missing.Select(v => $"{v.Path} {v.Shape}"))}.");
        foreach (var (variable, value) in values) variable.Assign(value);
    }

    // Each layer's variables in TensorFlow.js's order: trainable, then non-trainable. A model nested in the model is not a
    // scope of TensorFlow.js's weight names ("inner/dense/kernel" is saved as "dense/kernel"), so its layers are listed
    // under their own names, and the model's name is kept to be skipped when a converted file does use it.
    private static (Dictionary<string, List<Variable>> Layers, HashSet<string> Models) VariablesByLayer(Model model)
    {
        var byLayer = new Dictionary<string, List<Variable>>(StringComparer.Ordinal);
        var models = new HashSet<string>(StringComparer.Ordinal);
        void Add(Model parent)
        {
            foreach (var layer in parent.Layers)
            {
                if (layer is Model nested)
                {
                    models.Add(nested.Name);
                    Add(nested);
                    continue;
                }
                var weights = layer.TrainableWeights.Concat(layer.NonTrainableWeights).ToList();
                if (weights.Count > 0) byLayer[layer.Name] = weights;
            }
        }
        Add(model);
        return (byLayer, models);
    }

    private static Variable Target(
        Entry entry, (Dictionary<string, List<Variable>> Layers, HashSet<string> Models) model, Dictionary<Variable, string> assigned, string source)
    {
        var variables = model.Layers;
        var name = entry.Name.EndsWith(":0", StringComparison.Ordinal) ? entry.Name[..^2] : entry.Name;
        var slash = name.IndexOf('/');
        while (slash > 0 && !variables.ContainsKey(name[..slash]) && model.Models.Contains(name[..slash]) && name.IndexOf('/', slash + 1) > 0)
        {
            name = name[(slash + 1)..];
            slash = name.IndexOf('/');
        }
        var layerName = slash < 0 ? "" : name[..slash];
        if (!variables.TryGetValue(layerName, out var layerVariables))
            throw new KerasFormatException(
                $"'{source}': weight '{entry.Name}' names no layer of the model with weights (expected 'layer/weight'; layers with weights: {string.Join(", ", variables.Keys)}).");
        var index = layerVariables.Count(assigned.ContainsKey);
        if (index == layerVariables.Count)
            throw new KerasFormatException(
                $"'{source}': weight '{entry.Name}' is one more than layer '{layerName}' has ({layerVariables.Count}: {string.Join(", ", layerVariables.Select(v => v.Name))}).");
        var variable = layerVariables[index];
        var weightName = name[(name.LastIndexOf('/') + 1)..];
        if (weightName != variable.Name)
            throw new KerasFormatException(
                $"'{source}': weight '{entry.Name}' is in the place of layer '{layerName}''s weight {index}, which is '{variable.Name}' {variable.Shape}.");
        if (!entry.Shape.SequenceEqual(variable.Shape.ToArray()))
            throw new KerasFormatException(
                $"'{source}': weight '{entry.Name}' has shape [{string.Join(", ", entry.Shape)}], but the model's '{variable.Path}' has shape {variable.Shape}.");
        assigned[variable] = entry.Name;
        return variable;
    }

    private static long GroupBytes(List<Entry> entries, int group, string source)
    {
        try
        {
            var total = entries.Sum(e => checked(e.Count * e.BytesPerValue));
            if (total <= Array.MaxLength) return total;
        }
        catch (OverflowException)
        {
        }
        throw new KerasFormatException($"'{source}': the weights of weightsManifest[{group}] claim more bytes than one array can hold.");
    }

    private static Tensor Decode(Entry entry, ReadOnlySpan<byte> bytes, Variable variable)
    {
        var count = (int)entry.Count;
        if (variable.DType != DType.Float32 && entry is { DType: "int32", Quantization: null })
        {
            var ints = new int[count];
            for (var i = 0; i < count; i++) ints[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..]);
            return Tensor.FromArray(ints, entry.Shape);
        }
        var floats = new float[count];
        var q = entry.Quantization;
        if (q is null && entry.DType == "float32" && variable.DType == DType.Float32 && BitConverter.IsLittleEndian)
        {
            // The common case, stored as it is in memory: one copy.
            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(floats);
            return Tensor.FromArray(floats, entry.Shape);
        }
        for (var i = 0; i < count; i++)
        {
            floats[i] = q?.DType switch
            {
                // As TensorFlow.js's decodeWeights: value = q * scale + min, computed in double, then stored as float32.
                "uint8" => (float)(bytes[i] * q.Scale + q.Min),
                "uint16" => (float)(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]) * q.Scale + q.Min),
                "float16" => (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..])),
                _ when entry.DType == "int32" => BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..]),
                _ => BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]),
            };
        }
        if (variable.DType == DType.Float32) return Tensor.FromArray(floats, entry.Shape);
        // TensorFlow.js rounds dequantized integer weights.
        return Tensor.FromArray(Array.ConvertAll(floats, f => (int)MathF.Round(f)), entry.Shape);
    }

    private static byte[] ReadShards(string directory, IReadOnlyList<string> paths, long expected, int group, string source)
    {
        var files = paths.Select(p => ShardPath(directory, p, source)).ToList();
        var sizes = files.Select(f => File.Exists(f) ? new FileInfo(f).Length
            : throw new KerasFormatException($"'{source}': weight shard '{Path.GetFileName(f)}' (weightsManifest[{group}]) does not exist beside the model.json.")).ToList();
        if (sizes.Sum() != expected)
            throw new KerasFormatException(
                $"'{source}': the shards of weightsManifest[{group}] ({string.Join(", ", paths)}) hold {sizes.Sum()} bytes, but its weights need {expected}.");
        var bytes = new byte[expected];
        var offset = 0;
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            var length = (int)stream.Length;
            stream.ReadExactly(bytes, offset, length);
            offset += length;
        }
        return bytes;
    }

    // Shards lie beside model.json; a path that leads elsewhere (absolute, or with ..) is refused.
    private static string ShardPath(string directory, string path, string source)
    {
        if (path.Length == 0 || Path.IsPathRooted(path) || path.Split('/', '\\').Any(part => part is ".." or ""))
            throw new KerasFormatException($"'{source}': weight shard path '{path}' must be a file name relative to the model.json's folder.");
        return Path.Combine(directory, path);
    }

    private static List<Entry> Entries(JsonNode? node, int group, string source)
    {
        if (node is not JsonArray list) throw new KerasFormatException($"'{source}': weightsManifest[{group}].weights must be a list.");
        var entries = new List<Entry>();
        for (var i = 0; i < list.Count; i++)
        {
            var where = $"weightsManifest[{group}].weights[{i}]";
            try
            {
                var o = list[i]!.AsObject();
                var name = (string?)o["name"] ?? throw new KerasFormatException($"'{source}': {where} has no 'name'.");
                var shape = o["shape"]!.AsArray().Select(d => (int)d!).ToArray();
                if (shape.Any(d => d < 0)) throw new KerasFormatException($"'{source}': {where} ('{name}') has a negative dimension.");
                var dtype = (string?)o["dtype"] ?? "float32";
                if (dtype is not ("float32" or "int32"))
                    throw new KerasFormatException($"'{source}': {where} ('{name}') has dtype '{dtype}'; NotebookKeras reads float32 and int32 weights.");
                entries.Add(new Entry(name, shape, dtype, ReadQuantization(o["quantization"], where, name, source), (string?)o["group"] ?? "model"));
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException or JsonException)
            {
                throw new KerasFormatException($"'{source}': {where} is not a weight entry ({{\"name\", \"shape\", \"dtype\"}}): {e.Message}", e);
            }
        }
        return entries;
    }

    private static Quantization? ReadQuantization(JsonNode? node, string where, string name, string source)
    {
        if (node is null) return null;
        var dtype = (string?)node["dtype"];
        return dtype switch
        {
            "float16" => new Quantization(dtype, 1, 0),
            "uint8" or "uint16" when node["scale"] is JsonValue scale && node["min"] is JsonValue min =>
                new Quantization(dtype, (double)scale, (double)min),
            "uint8" or "uint16" => throw new KerasFormatException($"'{source}': {where} ('{name}') is quantized as {dtype} but lacks 'scale' and 'min'."),
            _ => throw new KerasFormatException($"'{source}': {where} ('{name}') has quantization dtype '{dtype}'; TensorFlow.js defines uint8, uint16 and float16."),
        };
    }

    private static List<string> Strings(JsonNode? node, string where, string source) =>
        node is JsonArray list && list.All(n => n is JsonValue v && v.TryGetValue<string>(out _))
            ? list.Select(n => (string)n!).ToList()
            : throw new KerasFormatException($"'{source}': {where} must be a list of file names; got {node?.ToJsonString() ?? "nothing"}.");
}
