using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Saving.Tfjs;

namespace NotebookKeras.Cli.Commands;

/// <summary>
/// Loads the MODEL argument of predict, summary and convert, in any form NotebookKeras reads: a <c>.keras</c> archive, a Keras
/// <c>.h5</c> file, a TensorFlow.js <c>model.json</c>, or a Keras model JSON (<c>model.to_json()</c>) with its weights in a
/// separate file (<c>--weights</c>).
/// </summary>
internal static class ModelFile
{
    public static Model Load(string path, string? weights)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No such model file: '{path}'.", path);
        if (weights is not null && !File.Exists(weights)) throw new FileNotFoundException($"No such weights file: '{weights}'.", weights);
        var model = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? LoadJson(path, weights) : Dsl.Keras.LoadModel(path);
        if (weights is not null && !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) model.LoadWeights(weights);
        return model;
    }

    // A TensorFlow.js model.json carries its weights; a Keras model JSON (to_json) needs them from --weights.
    private static Model LoadJson(string path, string? weights)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject ?? throw new KerasFormatException($"'{path}' must hold a JSON object.");
        }
        catch (JsonException e)
        {
            throw new KerasFormatException($"'{path}' is not valid JSON: {e.Message}", e);
        }
        if (TfjsLayersModel.IsModelJson(json))
        {
            if (weights is not null)
                throw new CommandException($"'{path}' is a TensorFlow.js model, whose weights are the shards its manifest names; --weights does not apply.");
            return TfjsLayersModel.Load(path);
        }
        if (weights is null)
            throw new CommandException($"'{path}' is a Keras model JSON, which holds no weights: give them with --weights W.weights.h5 (or a Keras .h5).");
        Model model;
        try
        {
            model = Model.FromJson(json.ToJsonString());
        }
        catch (Exception e) when (e is FormatException or KeyNotFoundException or ArgumentException or InvalidOperationException)
        {
            throw new KerasFormatException($"'{path}' does not describe a model NotebookKeras can build: {e.Message}", e);
        }
        model.LoadWeights(weights);
        return model;
    }
}
