using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Models;

namespace NotebookKeras.Runtime.Saving;

/// <summary>
/// A model as JSON: Keras 3's <c>model.to_json()</c> (the same envelope as a <c>.keras</c> file's <c>config.json</c>) and
/// <c>model_from_json</c>, which also reads Keras 2 JSON (<c>class_name</c>/<c>config</c> without <c>module</c>, list-style
/// <c>inbound_nodes</c>, <c>batch_input_shape</c>), the <c>model_config</c> of legacy <c>.h5</c> files, and the topology that
/// TensorFlow.js writes (Keras 2 style, with top-level <c>keras_version</c>/<c>backend</c>, or wrapped in <c>model_config</c>).
/// </summary>
internal static class ModelJson
{
    // Python's json.dumps leaves '>' (in "Package>Name") and other ASCII punctuation as they are; so does this.
    private static readonly JsonSerializerOptions Writing = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Keras 3's <c>to_json()</c>: <c>{module, class_name, config, registered_name, build_config, compile_config}</c>.</summary>
    public static string ToJson(Model model) => Write(KerasArchive.Config(model));

    /// <summary>JSON text as Keras writes it (punctuation such as '>' not escaped).</summary>
    public static string Write(JsonNode node) => node.ToJsonString(Writing);

    /// <summary>Parses <paramref name="json"/> (named <paramref name="source"/> in errors) and rebuilds the model it describes.</summary>
    public static Model FromJson(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new KerasFormatException($"{source} is not valid JSON: {e.Message}", e);
        }
        return FromJsonNode(node, source);
    }

    /// <summary>
    /// Rebuilds a model from parsed JSON: a Keras 3 envelope, a Keras 2 / TensorFlow.js <c>{class_name, config, keras_version,
    /// backend}</c> object, or the Keras converter's <c>{keras_version, backend, model_config}</c>. The node is not modified.
    /// </summary>
    public static Model FromJsonNode(JsonNode? node, string source)
    {
        if (node is not JsonObject envelope)
            throw new KerasFormatException(
                $"{source}: a model's JSON must be an object such as {{\"class_name\": \"Sequential\", \"config\": {{...}}}}; got {Describe(node)}.");
        if (envelope["model_config"] is JsonObject wrapped) envelope = wrapped;
        return Restore(envelope, source);
    }

    /// <summary>
    /// Keras's <c>deserialize_keras_object</c> for a model envelope, then <c>build_from_config</c> and <c>compile_from_config</c>
    /// as Keras does on load. Errors are <see cref="KerasFormatException"/>s naming <paramref name="source"/>.
    /// </summary>
    public static Model Restore(JsonObject envelope, string source)
    {
        if (envelope["class_name"] is not JsonValue)
            throw new KerasFormatException(
                $"{source}: the model's JSON has no 'class_name' (keys: {string.Join(", ", envelope.Select(kv => kv.Key))}); expected {{\"class_name\": \"Sequential\" or \"Functional\", \"config\": {{...}}}}.");
        if (envelope["config"] is not JsonObject)
            throw new KerasFormatException($"{source}: the model's JSON has no 'config' object for class '{(string?)envelope["class_name"]}'.");
        var upgraded = (JsonObject)envelope.DeepClone();
        UpgradeLegacy(upgraded);
        try
        {
            var model = KerasRegistry.Deserialize<Model>(upgraded);
            if (!model.Built && upgraded["build_config"] is JsonObject build && LayerConfig.Ints(build, "input_shape") is { } shape)
                model.Build(new Tensors.Shape(shape));
            // Compiled before any weights are read, so that the optimizer's saved state has variables to go to.
            if (upgraded["compile_config"] is JsonObject compile) CompileConfig.Apply(model, compile);
            return model;
        }
        catch (Exception e) when (e is not KerasFormatException and not OutOfMemoryException)
        {
            throw new KerasFormatException($"{source} does not describe a model NotebookKeras can build: {e.Message}", e);
        }
    }

    // Keras 2 and TensorFlow.js give a Sequential's input shape as its first layer's batch_input_shape (or input_shape,
    // input_dim) instead of an InputLayer entry; Keras 3's Sequential.add turns that into an InputLayer named
    // "<layer>_input", and so does this. Nested models (a Sequential inside a Functional) are upgraded too.
    private static void UpgradeLegacy(JsonObject envelope)
    {
        if (envelope["config"] is not JsonObject config || config["layers"] is not JsonArray layers) return;
        foreach (var entry in layers.OfType<JsonObject>()) UpgradeLegacy(entry);
        RenumberNestedModelNodes(config);
        if ((string?)envelope["class_name"] != "Sequential" || layers.Count == 0 || layers[0] is not JsonObject first) return;
        if ((string?)first["class_name"] == "InputLayer" || first["config"] is not JsonObject layer) return;
        if (LegacyBatchShape(layer) is not { } batchShape) return;
        layers.Insert(0, new JsonObject
        {
            ["class_name"] = "InputLayer",
            ["config"] = new JsonObject
            {
                ["batch_shape"] = batchShape,
                ["name"] = $"{(string?)layer["name"] ?? "sequential"}_input",
            },
        });
    }

    // Keras (tf.keras 2 for any model built on an input, Keras 3 for Functional) counts a nested model's own construction
    // as its node 0, so references to the model's calls in the outer graph start at node 1. NotebookKeras models have no
    // such node: those references are shifted down. Configs that already count from 0 (NotebookKeras's, Keras 2.2's) use
    // node 0 and are left alone.
    private static void RenumberNestedModelNodes(JsonObject config)
    {
        if (config["layers"] is not JsonArray layers) return;
        var nested = layers.OfType<JsonObject>().Where(HasConstructionNode)
            .Select(e => (string?)e["name"] ?? (string?)e["config"]?["name"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (nested.Count == 0) return;
        var references = new List<JsonArray>();
        foreach (var entry in layers.OfType<JsonObject>()) CollectReferences(entry["inbound_nodes"], nested, references);
        CollectReferences(config["output_layers"], nested, references);
        foreach (var model in references.GroupBy(r => (string)r[0]!))
        {
            if (model.All(r => (int)r[1]! > 0))
            {
                foreach (var reference in model) reference[1] = (int)reference[1]! - 1;
            }
        }
    }

    private static bool HasConstructionNode(JsonObject entry) => (string?)entry["class_name"] switch
    {
        "Functional" or "Model" => true,
        // A Keras 2 Sequential built on an input was a graph network; a Keras 3 one (with a module) is not.
        "Sequential" => entry["module"] is null && entry["config"]?["layers"] is JsonArray { Count: > 0 } inner
            && (string?)inner[0]?["class_name"] == "InputLayer",
        _ => false,
    };

    // [layer, node, tensor] (Keras 3's keras_history, output_layers) or [layer, node, tensor, kwargs] (Keras 2's nodes).
    private static void CollectReferences(JsonNode? node, HashSet<string> names, List<JsonArray> found)
    {
        switch (node)
        {
            case JsonArray { Count: >= 3 } a when a[0] is JsonValue v && v.GetValueKind() == JsonValueKind.String
                && names.Contains((string)v!) && a[1] is JsonValue n && n.GetValueKind() == JsonValueKind.Number:
                found.Add(a);
                break;
            case JsonArray a:
                foreach (var item in a) CollectReferences(item, names, found);
                break;
            case JsonObject o:
                foreach (var (_, value) in o) CollectReferences(value, names, found);
                break;
        }
    }

    private static JsonArray? LegacyBatchShape(JsonObject layer)
    {
        if (layer["batch_input_shape"] is JsonArray batch) return (JsonArray)batch.DeepClone();
        JsonArray? shape = layer["input_shape"] is JsonArray inputShape ? (JsonArray)inputShape.DeepClone()
            : layer["input_dim"] is JsonValue dim ? [dim.DeepClone()]
            : null;
        shape?.Insert(0, null);
        return shape;
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "a JSON list",
        JsonValue v => $"the {v.GetValueKind().ToString().ToLowerInvariant()} {Truncate(v.ToJsonString())}",
        _ => node.GetType().Name,
    };

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
