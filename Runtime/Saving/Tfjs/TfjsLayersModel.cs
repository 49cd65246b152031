using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Models;

namespace NotebookKeras.Runtime.Saving.Tfjs;

/// <summary>
/// TensorFlow.js's layers-model format, as <c>model.save()</c> in TensorFlow.js and the tensorflowjs converter write it: a
/// <c>model.json</c> (<c>{"format": "layers-model", "modelTopology": ..., "weightsManifest": [...]}</c>) with the weights in
/// binary shards beside it. The topology is Keras JSON (see <see cref="TfjsTopology"/>); the weights go to the model's
/// variables by name (see <see cref="TfjsWeightsManifest"/>).
/// </summary>
public static class TfjsLayersModel
{
    // model.json holds the topology and the manifest, never weights: a bigger file is not one.
    private const long MaxJsonBytes = 64L << 20;

    /// <summary>Whether the JSON object is a TensorFlow.js model.json (it has a modelTopology or a weightsManifest).</summary>
    public static bool IsModelJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.ContainsKey("modelTopology") || json.ContainsKey("weightsManifest");
    }

    /// <summary>
    /// TensorFlow.js's <c>tf.loadLayersModel("file://model.json")</c>: rebuilds the model from its topology and loads its
    /// weights from the shards the manifest names (float32 or int32, optionally uint8/uint16/float16-quantized). A model saved
    /// compiled is compiled again from its training config (see <see cref="TfjsTrainingConfig"/>).
    /// </summary>
    /// <exception cref="KerasFormatException">The file, a shard or a weight entry is missing, corrupt, or does not match the
    /// model; the message names the file and the entry.</exception>
    public static Model Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var json = ReadJson(path);
        var format = (string?)json["format"];
        if (format is not (null or "layers-model"))
            throw new KerasFormatException($"'{path}' is a TensorFlow.js '{format}'; NotebookKeras reads 'layers-model' files (saved from a tf.LayersModel).");
        if (json["modelTopology"] is not JsonObject topology)
            throw new KerasFormatException($"'{path}' has no 'modelTopology' object; a TensorFlow.js layers-model file has 'modelTopology' and 'weightsManifest'.");
        var envelope = TfjsTopology.ModelEnvelope(topology, path);
        var model = ModelJson.FromJsonNode(envelope, $"'{path}': modelTopology");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        TfjsWeightsManifest.Load(model, json["weightsManifest"] ?? new JsonArray(), directory, path);
        TfjsTrainingConfig.Apply(model, json["trainingConfig"]);
        return model;
    }

    private static JsonObject ReadJson(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"No such TensorFlow.js model file: '{path}'.", path);
        if (info.Length > MaxJsonBytes)
            throw new KerasFormatException($"'{path}' is {info.Length} bytes, more than a model.json's topology and manifest take ({MaxJsonBytes} at most).");
        try
        {
            return JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject
                ?? throw new KerasFormatException($"'{path}' must hold a JSON object.");
        }
        catch (JsonException e)
        {
            throw new KerasFormatException($"'{path}' is not valid JSON: {e.Message}", e);
        }
    }
}
