using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers;

/// <summary>Reading and writing the pieces every layer config shares, in Keras 3's JSON shapes.</summary>
public static class LayerConfig
{
    /// <summary>Keras 3's dtype policy object: {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, ...}.</summary>
    public static JsonObject DTypePolicy(DType dtype) => new()
    {
        ["module"] = "keras",
        ["class_name"] = "DTypePolicy",
        ["config"] = new JsonObject { ["name"] = dtype.KerasName() },
        ["registered_name"] = null,
    };

    /// <summary>The layer name in a config (null: a fresh automatic name).</summary>
    public static string? Name(JsonObject config) => (string?)config["name"];

    /// <summary>The "trainable" flag (default true).</summary>
    public static bool Trainable(JsonObject config) => config["trainable"] is JsonValue v ? v.GetValue<bool>() : true;

    /// <summary>The dtype, from a policy object, a plain string ("float32") or a missing key (float32).</summary>
    public static DType DType(JsonObject config) => config["dtype"] switch
    {
        null => Tensors.DType.Float32,
        JsonValue v => DTypeNames.Parse(v.GetValue<string>()),
        JsonObject o => DTypeNames.Parse((string?)o["config"]?["name"] ?? "float32"),
        var other => throw new FormatException($"Unrecognized dtype in layer config: {other.ToJsonString()}."),
    };

    /// <summary>A serialized catalogue object (initializer, regularizer, constraint) or null.</summary>
    public static JsonNode? Serialize(IKerasSerializable? value) => value is null ? null : KerasRegistry.Serialize(value);

    /// <summary>An initializer from a serialized object or a Keras name; null when absent (the layer's default applies).</summary>
    public static Initializers.Initializer? Initializer(JsonObject config, string key) => config[key] switch
    {
        null => null,
        JsonValue v => Initializers.Initializer.Get(v.GetValue<string>()),
        JsonObject o => Initializers.Initializer.Get(o), // the catalogue first: a module-less "Identity" is the initializer here, not the layer
        var other => throw new FormatException($"Unrecognized initializer '{key}': {other.ToJsonString()}."),
    };

    /// <summary>A regularizer from a serialized object or a Keras name; null when absent.</summary>
    public static Regularizers.Regularizer? Regularizer(JsonObject config, string key) => config[key] switch
    {
        null => null,
        JsonValue v => Regularizers.Regularizer.Get(v.GetValue<string>()),
        JsonObject o => KerasRegistry.Deserialize<Regularizers.Regularizer>(o),
        var other => throw new FormatException($"Unrecognized regularizer '{key}': {other.ToJsonString()}."),
    };

    /// <summary>A constraint from a serialized object or a Keras name; null when absent.</summary>
    public static Constraints.Constraint? Constraint(JsonObject config, string key) => config[key] switch
    {
        null => null,
        JsonValue v => Constraints.Constraint.Get(v.GetValue<string>()),
        JsonObject o => KerasRegistry.Deserialize<Constraints.Constraint>(o),
        var other => throw new FormatException($"Unrecognized constraint '{key}': {other.ToJsonString()}."),
    };

    /// <summary>Reads an int (required).</summary>
    public static int Int(JsonObject config, string key, string layer) =>
        config[key] is JsonValue v ? v.GetValue<int>() : throw Missing(key, layer);

    /// <summary>Reads a float, or the default when absent.</summary>
    public static float Float(JsonObject config, string key, float defaultValue) =>
        config[key] is JsonValue v ? (float)v.GetValue<double>() : defaultValue;

    /// <summary>Reads a bool, or the default when absent.</summary>
    public static bool Bool(JsonObject config, string key, bool defaultValue) =>
        config[key] is JsonValue v ? v.GetValue<bool>() : defaultValue;

    /// <summary>Reads a string, or the default when absent or null.</summary>
    public static string? String(JsonObject config, string key, string? defaultValue = null) =>
        config[key] is JsonValue v ? v.GetValue<string>() : defaultValue;

    /// <summary>Reads a list of ints (a tuple in Keras), null when absent; nulls inside become -1 (unknown).</summary>
    public static int[]? Ints(JsonObject config, string key) =>
        config[key] is JsonArray a ? a.Select(n => n is null ? -1 : n.GetValue<int>()).ToArray() : null;

    /// <summary>A shape as a JSON list with null for unknown dimensions (Keras's tuples with None).</summary>
    public static JsonArray ShapeToJson(Shape shape) => new(shape.Select(d => d < 0 ? null : (JsonNode)d).ToArray());

    /// <summary>A list of ints as JSON.</summary>
    public static JsonArray IntsToJson(IEnumerable<int> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static FormatException Missing(string key, string layer) => new($"{layer} config is missing the required key '{key}'.");
}
