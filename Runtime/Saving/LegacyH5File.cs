using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;
using PureHDF;
using PureHDF.VOL.Native;

namespace NotebookKeras.Runtime.Saving;

/// <summary>
/// Keras 2's HDF5 files (<c>legacy_h5_format.py</c>), as Keras 2 and Keras 3's legacy writer save them. A full model has root
/// attributes <c>model_config</c> (JSON), <c>training_config</c>, <c>keras_version</c>, <c>backend</c> and a group
/// <c>model_weights</c>; a weights-only file has its attributes at the root. Either holds attribute <c>layer_names</c> (split
/// into <c>layer_names0</c>, <c>layer_names1</c>... when large) and one group per layer with attribute <c>weight_names</c>, each the
/// path of a dataset inside that group (<c>dense/kernel:0</c>, <c>lstm/lstm_cell/kernel:0</c>, <c>model/dense/kernel</c>).
/// Weights go to a model's layers by order (layers with weights, Keras's <c>load_weights_from_hdf5_group</c>) or by name
/// (<c>load_weights_from_hdf5_group_by_name</c>). Everything is read and checked before any weight is assigned.
/// </summary>
internal static class LegacyH5File
{
    private const string LayerNames = "layer_names";
    private const string WeightNames = "weight_names";
    private const string ModelWeights = "model_weights";
    private const string TopLevelWeights = "top_level_model_weights";

    // Names are a few bytes each: a list longer than this is hostile, not a model.
    private const ulong MaxNames = 1 << 20;

    /// <summary>Whether the HDF5 file at <paramref name="path"/> is in Keras 2's layout (rather than Keras 3's <c>.weights.h5</c>).</summary>
    public static bool IsLegacy(string path)
    {
        using var file = Open(path);
        return Guard(path, () => HasNames(file, LayerNames) || file.LinkExists(ModelWeights));
    }

    /// <summary>Keras's <c>load_model("x.h5")</c>: the model from <c>model_config</c>, compiled from <c>training_config</c>, with its weights.</summary>
    public static Model LoadModel(string path)
    {
        using var file = Open(path);
        var configText = Guard(path, () => file.AttributeExists("model_config") ? ReadString(file.Attribute("model_config"), "model_config", path) : null)
            ?? throw new KerasFormatException(
                $"'{path}' holds weights only (no 'model_config' attribute): build the model in code, then call LoadWeights(\"{path}\").");
        var model = ModelJson.FromJson(configText, $"'{path}': attribute model_config");
        var trainingText = Guard(path, () => file.AttributeExists("training_config") ? ReadString(file.Attribute("training_config"), "training_config", path) : null);
        if (trainingText is not null) Compile(model, trainingText, path);
        var weights = Guard(path, () => file.LinkExists(ModelWeights) ? file.Group(ModelWeights) : null)
            ?? throw new KerasFormatException($"'{path}' has a model_config but no '{ModelWeights}' group holding the weights.");
        Assign(Guard(path, () => ReadByOrder(model, weights, path)));
        return model;
    }

    /// <summary>
    /// Keras's <c>model.load_weights("x.h5", by_name, skip_mismatch)</c> for a Keras 2 file (full model or weights only).
    /// Returns the warnings about layers or weights skipped when <paramref name="skipMismatch"/> is set.
    /// </summary>
    public static IReadOnlyList<string> LoadWeights(Model model, string path, bool byName, bool skipMismatch)
    {
        if (skipMismatch && !byName)
            throw new ArgumentException("LoadWeights: skipMismatch applies only when loading by name (byName: true), as in Keras.", nameof(skipMismatch));
        using var file = Open(path);
        IH5Group root = Guard(path, () => !HasNames(file, LayerNames) && file.LinkExists(ModelWeights) ? file.Group(ModelWeights) : file);
        var warnings = new List<string>();
        Assign(Guard(path, () => byName ? ReadByName(model, root, path, skipMismatch, warnings) : ReadByOrder(model, root, path)));
        return warnings;
    }

    // Keras's load_weights_from_hdf5_group: the file's layers with weights, in order, go to the model's layers with weights.
    private static List<(Variable, Tensor)> ReadByOrder(Model model, IH5Group root, string path)
    {
        var saved = ReadLayers(root, path).Where(l => l.Weights.Count > 0).ToList();
        var layers = model.Layers.Where(l => LegacyWeights(l).Count > 0).ToList();
        if (saved.Count != layers.Count)
            throw new KerasFormatException(
                $"'{path}' holds weights for {saved.Count} layers ({string.Join(", ", saved.Select(l => l.Name))}), but model '{model.Name}' has " +
                $"{layers.Count} layers with weights ({string.Join(", ", layers.Select(l => l.Name))}). Load by name (byName: true) to match layers by name.");
        var values = new List<(Variable, Tensor)>();
        for (var k = 0; k < layers.Count; k++)
        {
            var variables = LegacyWeights(layers[k]);
            if (saved[k].Weights.Count != variables.Count)
                throw new KerasFormatException(
                    $"'{path}': layer #{k} (named '{layers[k].Name}' in the model, '{saved[k].Name}' in the file) expects {variables.Count} weights " +
                    $"({Describe(variables)}), but the file holds {saved[k].Weights.Count} ({string.Join(", ", saved[k].Weights.Select(w => w.Path))}).");
            for (var i = 0; i < variables.Count; i++) values.Add((variables[i], Read(saved[k].Weights[i], variables[i], path)));
        }
        // Variables of the model itself (a subclassed model's own weights); Sequential and Functional models have none.
        if (root.LinkExists(TopLevelWeights) && root.Get(TopLevelWeights) is IH5Group top)
        {
            var own = OwnWeights(model);
            var stored = ReadWeights(top, TopLevelWeights, path);
            if (stored.Count != own.Count)
                throw new KerasFormatException(
                    $"'{path}': group '{TopLevelWeights}' holds {stored.Count} weights, but model '{model.Name}' has {own.Count} weights of its own.");
            for (var i = 0; i < own.Count; i++) values.Add((own[i], Read(stored[i], own[i], path)));
        }
        return values;
    }

    // Keras's load_weights_from_hdf5_group_by_name: each saved layer goes to the model's layers of the same name.
    private static List<(Variable, Tensor)> ReadByName(Model model, IH5Group root, string path, bool skipMismatch, List<string> warnings)
    {
        var byName = model.Layers.ToLookup(l => l.Name, StringComparer.Ordinal);
        var values = new List<(Variable, Tensor)>();
        var saved = ReadLayers(root, path);
        for (var k = 0; k < saved.Count; k++)
        {
            foreach (var layer in byName[saved[k].Name])
            {
                var variables = LegacyWeights(layer);
                if (saved[k].Weights.Count != variables.Count)
                {
                    var problem = $"layer #{k} (named '{layer.Name}'): the layer expects {variables.Count} weights ({Describe(variables)}), but the file holds {saved[k].Weights.Count}";
                    if (!skipMismatch) throw new KerasFormatException($"'{path}': {problem}. Pass skipMismatch: true to skip such layers.");
                    warnings.Add($"Skipping loading of weights for {problem}.");
                    continue;
                }
                for (var i = 0; i < variables.Count; i++)
                {
                    var weight = saved[k].Weights[i];
                    if (!WeightsFile.ShapeMatches(weight.Dataset, variables[i]))
                    {
                        var problem = $"layer #{k} (named '{layer.Name}'): weight '{variables[i].Path}' has shape {variables[i].Shape}, but the saved weight '{weight.Path}' has shape {WeightsFile.ShapeOf(weight.Dataset)}";
                        if (!skipMismatch) throw new KerasFormatException($"'{path}': {problem}. Pass skipMismatch: true to skip such weights.");
                        warnings.Add($"Skipping loading of weights for {problem}.");
                        continue;
                    }
                    values.Add((variables[i], Read(weight, variables[i], path)));
                }
            }
        }
        return values;
    }

    private static void Assign(List<(Variable Variable, Tensor Value)> values)
    {
        foreach (var (variable, value) in values) variable.Assign(value);
    }

    private static Tensor Read(SavedWeight weight, Variable variable, string path) =>
        WeightsFile.ReadDataset(weight.Dataset, weight.Path, variable, path);

    // Keras's _legacy_weights: trainable then non-trainable (a nested model's are those of all its layers).
    private static List<Variable> LegacyWeights(Layer layer) => [.. layer.TrainableWeights, .. layer.NonTrainableWeights];

    private static List<Variable> OwnWeights(Model model)
    {
        var inner = new HashSet<Variable>(model.Layers.SelectMany(l => l.Weights), ReferenceEqualityComparer.Instance);
        return LegacyWeights(model).Where(v => !inner.Contains(v)).ToList();
    }

    private sealed record SavedWeight(string Path, IH5Dataset Dataset);

    private sealed record SavedLayer(string Name, IReadOnlyList<SavedWeight> Weights);

    private static List<SavedLayer> ReadLayers(IH5Group root, string path)
    {
        if (!HasNames(root, LayerNames))
            throw new KerasFormatException(
                $"'{path}' is not a Keras weights file: it has no '{LayerNames}' attribute (Keras 2 layout) and no '{ModelWeights}' group.");
        var layers = new List<SavedLayer>();
        foreach (var name in ReadNames(root, LayerNames, path))
        {
            if (!root.LinkExists(name) || root.Get(name) is not IH5Group group)
                throw new KerasFormatException($"'{path}': layer '{name}' is listed in '{LayerNames}' but has no group.");
            layers.Add(new SavedLayer(name, ReadWeights(group, name, path)));
        }
        return layers;
    }

    private static List<SavedWeight> ReadWeights(IH5Group group, string groupPath, string path)
    {
        var weights = new List<SavedWeight>();
        foreach (var name in ReadNames(group, WeightNames, path))
        {
            var datasetPath = $"{groupPath}/{name}";
            if (!group.LinkExists(name) || group.Get(name) is not IH5Dataset dataset)
                throw new KerasFormatException($"'{path}': weight '{name}' is listed in '{groupPath}' attribute '{WeightNames}' but dataset '{datasetPath}' is missing.");
            weights.Add(new SavedWeight(datasetPath, dataset));
        }
        return weights;
    }

    // Keras's load_attributes_from_hdf5_group: the attribute itself, or its chunks name0, name1... when it was too large.
    private static bool HasNames(IH5Object owner, string name) => owner.AttributeExists(name) || owner.AttributeExists($"{name}0");

    private static List<string> ReadNames(IH5Object owner, string name, string path)
    {
        if (owner.AttributeExists(name)) return ReadStrings(owner.Attribute(name), name, path);
        var names = new List<string>();
        for (var chunk = 0; owner.AttributeExists($"{name}{chunk}"); chunk++) names.AddRange(ReadStrings(owner.Attribute($"{name}{chunk}"), $"{name}{chunk}", path));
        return names;
    }

    private static List<string> ReadStrings(IH5Attribute attribute, string name, string path)
    {
        var dims = attribute.Space.Dimensions;
        var count = dims.Aggregate(1UL, (a, d) => a * d);
        // numpy writes an empty name list as an empty float64 array.
        if (count == 0) return [];
        if (!IsString(attribute.Type))
            throw new KerasFormatException($"'{path}': attribute '{name}' must hold strings; it holds {attribute.Type.Class} data.");
        if (count > MaxNames) throw new KerasFormatException($"'{path}': attribute '{name}' claims {count} names.");
        return dims.Length == 0 ? [attribute.Read<string>()] : [.. attribute.Read<string[]>()];
    }

    private static string ReadString(IH5Attribute attribute, string name, string path)
    {
        if (!IsString(attribute.Type) || attribute.Space.Dimensions.Aggregate(1UL, (a, d) => a * d) != 1)
            throw new KerasFormatException($"'{path}': attribute '{name}' must be one JSON string; it holds {attribute.Type.Class} data of shape ({string.Join(", ", attribute.Space.Dimensions)}).");
        return attribute.Space.Dimensions.Length == 0 ? attribute.Read<string>() : attribute.Read<string[]>()[0];
    }

    private static bool IsString(IH5DataType type) => type.Class is H5DataTypeClass.String or H5DataTypeClass.VariableLength;

    private static void Compile(Model model, string trainingText, string path)
    {
        var source = $"'{path}': attribute training_config";
        JsonObject training;
        try
        {
            training = JsonNode.Parse(trainingText) as JsonObject
                ?? throw new KerasFormatException($"{source} must hold a JSON object.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new KerasFormatException($"{source} is not valid JSON: {e.Message}", e);
        }
        // Keras's compile_args_from_training_config: the optimizer is {class_name, config} under optimizer_config.
        var compile = new JsonObject
        {
            ["optimizer"] = training["optimizer_config"]?.DeepClone(),
            ["loss"] = training["loss"]?.DeepClone(),
            ["metrics"] = LegacyMetrics(training["metrics"], model),
            ["loss_weights"] = training["loss_weights"]?.DeepClone(),
            ["weighted_metrics"] = LegacyMetrics(training["weighted_metrics"], model),
        };
        try
        {
            CompileConfig.Apply(model, compile);
        }
        catch (Exception e) when (e is not KerasFormatException and not OutOfMemoryException)
        {
            throw new KerasFormatException($"{source} cannot compile the model: {e.Message}", e);
        }
    }

    // tf.keras 2 saves metrics per output ([[m1, m2]] for one output), each a serialized MeanMetricWrapper whose name is the
    // string the user compiled with; Keras 3's _resolve_compile_arguments_compat resolves them by that name.
    private static JsonNode? LegacyMetrics(JsonNode? metrics, Model model)
    {
        if (metrics is not JsonArray lists || !lists.All(l => l is JsonArray)) return metrics?.DeepClone();
        if (lists.Count == 1) return new JsonArray(lists[0]!.AsArray().Select(LegacyMetric).ToArray());
        var outputs = (model as Functional)?.OutputNames ?? [];
        if (outputs.Count != lists.Count)
            throw new FormatException($"'metrics' lists {lists.Count} outputs, but model '{model.Name}' has {outputs.Count}.");
        return new JsonObject(outputs.Select((name, i) => KeyValuePair.Create(name, (JsonNode?)new JsonArray(lists[i]!.AsArray().Select(LegacyMetric).ToArray()))));
    }

    private static JsonNode? LegacyMetric(JsonNode? metric) =>
        metric is JsonObject { } wrapper && (string?)wrapper["class_name"] == "MeanMetricWrapper" && wrapper["config"]?["name"] is JsonValue name
            ? name.DeepClone()
            : metric?.DeepClone();

    private static NativeFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"No such Keras file: '{path}'.", path);
        return Guard(path, () => H5File.OpenRead(path));
    }

    // PureHDF reports a damaged file with its own exceptions (wrong signature, truncated blocks): name the file in them.
    private static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not KerasFormatException and not OutOfMemoryException)
        {
            throw new KerasFormatException($"'{path}' is not a readable Keras HDF5 file: {e.Message}", e);
        }
    }

    private static string Describe(IReadOnlyList<Variable> variables) => string.Join(", ", variables.Select(v => $"{v.Name} {v.Shape}"));
}
