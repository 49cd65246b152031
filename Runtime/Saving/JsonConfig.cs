using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookKeras.Runtime.Saving;

/// <summary>
/// Typed reads of Keras config values, for <c>FromConfig</c> factories. A missing or null key gives the constructor's default (as
/// Python's keyword defaults); a value of the wrong kind gives an error naming the class, the key, the expected kind and the
/// value. Numbers are accepted whatever their JSON spelling (Keras writes <c>2</c> for <c>max_value=2</c> and
/// <c>0.009999999776482582</c> for a float32 0.01).
/// </summary>
internal static class JsonConfig
{
    /// <summary>A float; <paramref name="fallback"/> when absent or null.</summary>
    public static float GetFloat(this JsonObject config, string key, float fallback, string owner) =>
        config[key] is { } node ? (float)Number(node, key, owner) : fallback;

    /// <summary>An integer; <paramref name="fallback"/> when absent or null.</summary>
    public static int GetInt(this JsonObject config, string key, int fallback, string owner) =>
        config[key] is { } node ? Integer(node, key, owner) : fallback;

    /// <summary>An optional integer (a seed): null when absent or null.</summary>
    public static int? GetNullableInt(this JsonObject config, string key, string owner) =>
        config[key] is { } node ? Integer(node, key, owner) : null;

    /// <summary>A string; <paramref name="fallback"/> when absent or null.</summary>
    public static string GetString(this JsonObject config, string key, string fallback, string owner)
    {
        if (config[key] is not { } node) return fallback;
        if (node.GetValueKind() != JsonValueKind.String) throw Wrong(key, owner, "a string", node);
        return node.GetValue<string>();
    }

    /// <summary>One axis or a list of axes (Keras's <c>axis=0</c> or <c>axis=[0, 1, 2]</c>); <paramref name="fallback"/> when absent.</summary>
    public static int[] GetAxes(this JsonObject config, string key, int[] fallback, string owner)
    {
        if (config[key] is not { } node) return fallback;
        if (node is JsonArray list) return list.Select(item => item is null ? throw Wrong(key, owner, "an integer or a list of integers", node) : Integer(item, key, owner)).ToArray();
        return [Integer(node, key, owner)];
    }

    /// <summary>Writes one axis as an integer and several as a list, as Keras's configs do.</summary>
    public static JsonNode AxesNode(IReadOnlyList<int> axes) =>
        axes.Count == 1 ? JsonValue.Create(axes[0]) : new JsonArray(axes.Select(a => (JsonNode)JsonValue.Create(a)).ToArray());

    private static double Number(JsonNode node, string key, string owner)
    {
        if (node.GetValueKind() != JsonValueKind.Number) throw Wrong(key, owner, "a number", node);
        // The text form reads every backing type alike (a parsed JsonElement, or a float/int/double written by GetConfig).
        return double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static int Integer(JsonNode node, string key, string owner)
    {
        var value = node.GetValueKind() == JsonValueKind.Number ? Number(node, key, owner) : double.NaN;
        if (value != Math.Floor(value) || value < int.MinValue || value > int.MaxValue) throw Wrong(key, owner, "an integer", node);
        return (int)value;
    }

    private static FormatException Wrong(string key, string owner, string expected, JsonNode node) =>
        new($"{owner} config: '{key}' must be {expected}; got {node.ToJsonString()}.");
}
