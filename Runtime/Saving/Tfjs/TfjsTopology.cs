using System.Text.Json.Nodes;

namespace NotebookKeras.Runtime.Saving.Tfjs;

/// <summary>
/// The <c>modelTopology</c> of a TensorFlow.js <c>model.json</c>, turned into a model envelope that <see cref="KerasRegistry"/>
/// reads. TensorFlow.js writes Keras 2 conventions (<c>LayersModel.toJSON</c>: <c>{class_name, config, keras_version, backend}</c>;
/// the tensorflowjs converter: <c>{keras_version, backend, model_config: {class_name, config}}</c>); the differences from what
/// Keras 3 reads are fixed here, on a copy: a Sequential's input shape carried by its first layer (<c>batch_input_shape</c>)
/// and its config written as a bare list of layers (Keras before 2.2.5), the numbering of nodes of nested models, and two
/// computations that differ from Keras 3's and are refused rather than silently altered: the Keras 2
/// <c>hard_sigmoid</c>, and UpSampling2D's bilinear interpolation without half-pixel centers.
/// </summary>
internal static class TfjsTopology
{
    // Layer-config keys that hold activation names (Dense, Conv2D, Activation, recurrent layers and cells).
    private static readonly string[] ActivationKeys = ["activation", "recurrent_activation"];

    /// <summary>The model envelope ({class_name, config}) of <paramref name="topology"/>, normalized for NotebookKeras.</summary>
    public static JsonObject ModelEnvelope(JsonObject topology, string source)
    {
        var envelope = topology["model_config"] switch
        {
            JsonObject wrapped => wrapped,
            null when topology["class_name"] is not null => topology,
            _ => throw new KerasFormatException(
                $"'{source}': modelTopology holds neither a model ({{\"class_name\", \"config\"}}) nor a 'model_config'; keys: {string.Join(", ", topology.Select(kv => kv.Key))}."),
        };
        var copy = JsonNode.Parse(envelope.ToJsonString())!.AsObject();
        Normalize(copy, source);
        if (copy["config"] is not JsonObject)
            throw new KerasFormatException($"'{source}': the model in modelTopology ('{(string?)copy["class_name"]}') has no 'config' object.");
        return copy;
    }

    // What is particular to TensorFlow.js files (the Keras 2 conventions they share, such as a Sequential's input shape on its
    // first layer and nested models' node numbering, are ModelJson's). Two computations are refused:
    // TensorFlow.js's 'hard_sigmoid' is Keras 2's clip(0.2 x + 0.5, 0, 1) (the default recurrent activation of its LSTM and
    // GRU); Keras 3's, which NotebookKeras implements, is relu6(x + 3) / 6. Its UpSampling2D resizes bilinearly with
    // tf.image.resizeBilinear's defaults (source pixel = target pixel * in / out), Keras 3 with half-pixel centers. Loading
    // either would change the model's outputs.
    private static void Normalize(JsonNode? node, string source, string? layer = null)
    {
        switch (node)
        {
            case JsonObject o:
                var name = (string?)(o["config"] as JsonObject)?["name"] ?? layer;
                var className = (string?)o["class_name"];
                if (className is "Sequential" && o["config"] is JsonArray legacyLayers)
                {
                    // Keras before 2.2.5 (and files converted from it) wrote a Sequential's config as its list of layers.
                    o.Remove("config");
                    o["config"] = new JsonObject { ["name"] = (string?)o["name"], ["layers"] = legacyLayers };
                }
                if (className == "UpSampling2D" && (string?)o["config"]?["interpolation"] == "bilinear")
                    throw new KerasFormatException(
                        $"'{source}': layer '{name}' is an UpSampling2D with bilinear interpolation, which TensorFlow.js computes without " +
                        "half-pixel centers (tf.image.resizeBilinear's default), unlike Keras 3 and NotebookKeras; the model would not " +
                        "predict the same. Use interpolation 'nearest', which both compute alike.");
                foreach (var key in ActivationKeys)
                {
                    if (o[key] is JsonValue v && v.TryGetValue<string>(out var activation) && activation is "hard_sigmoid" or "hardSigmoid")
                        throw new KerasFormatException(
                            $"'{source}': layer '{layer}' has {key} 'hard_sigmoid', which in TensorFlow.js (and Keras 2) is clip(0.2 x + 0.5, 0, 1); " +
                            "Keras 3 and NotebookKeras define hard_sigmoid as relu6(x + 3) / 6, so the model would not predict the same. " +
                            "Re-create the model in TensorFlow.js with recurrentActivation: 'sigmoid' (or another activation) and retrain it.");
                }
                foreach (var (_, child) in o) Normalize(child, source, name);
                break;
            case JsonArray a:
                foreach (var child in a) Normalize(child, source, layer);
                break;
        }
    }
}
