using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Models;

/// <summary>
/// Rebuilds a functional model from its config (Keras's <c>functional_from_config</c>): creates every layer, then replays each
/// layer's inbound nodes once their input tensors exist. Reads Keras 3 nodes (<c>{"args": [__keras_tensor__...], "kwargs": {}}</c>)
/// and Keras 2 nodes (<c>[["layer", node, tensor, {}], ...]</c>).
/// </summary>
internal static class FunctionalConfig
{
    public static Functional FromConfig(JsonObject config)
    {
        var name = LayerConfig.Name(config);
        var entries = config["layers"] as JsonArray ?? throw new FormatException($"Functional model '{name}': config has no 'layers' list.");
        var layers = new Dictionary<string, Layer>(StringComparer.Ordinal);
        var pending = new List<(Layer Layer, List<List<(string Layer, int Node, int Tensor)>> Nodes)>();
        foreach (var entry in entries.OfType<JsonObject>())
        {
            var layer = KerasRegistry.Deserialize<Layer>(entry);
            var layerName = (string?)entry["name"] ?? layer.Name;
            if (!layers.TryAdd(layerName, layer))
                throw new FormatException($"Functional model '{name}': two layers are named '{layerName}'.");
            pending.Add((layer, ReadNodes(entry["inbound_nodes"], layerName)));
        }

        // Node tensors created so far, by (layer name, node index, tensor index).
        KerasTensor? Find((string Layer, int Node, int Tensor) h) =>
            layers.TryGetValue(h.Layer, out var l) && h.Node < l.InboundNodes.Count && h.Tensor < l.InboundNodes[h.Node].Outputs.Count
                ? l.InboundNodes[h.Node].Outputs[h.Tensor]
                : null;

        var next = new Dictionary<Layer, int>(ReferenceEqualityComparer.Instance);
        foreach (var (layer, _) in pending) next[layer] = 0;
        bool progress;
        do
        {
            progress = false;
            foreach (var (layer, nodes) in pending)
            {
                while (next[layer] < nodes.Count)
                {
                    var inputs = nodes[next[layer]].Select(Find).ToList();
                    if (inputs.Any(t => t is null)) break;
                    layer.ApplyMany(inputs!);
                    next[layer]++;
                    progress = true;
                }
            }
        } while (progress);
        var stuck = pending.FirstOrDefault(p => next[p.Layer] < p.Nodes.Count);
        if (stuck.Layer is not null)
            throw new FormatException($"Functional model '{name}': cannot rebuild node {next[stuck.Layer]} of layer '{stuck.Layer.Name}'; its inputs never appear in the graph.");

        var inputsOut = ReadHistories(config["input_layers"]).Select(h => Find(h) ?? throw Missing(name, h)).ToList();
        var outputsOut = ReadHistories(config["output_layers"]).Select(h => Find(h) ?? throw Missing(name, h)).ToList();
        return new Functional(inputsOut, outputsOut, name, LayerConfig.Trainable(config));
    }

    private static FormatException Missing(string? model, (string Layer, int Node, int Tensor) h) =>
        new($"Functional model '{model}': tensor {h.Layer}[{h.Node}][{h.Tensor}] named in the config does not exist.");

    private static List<List<(string, int, int)>> ReadNodes(JsonNode? inbound, string layer)
    {
        var nodes = new List<List<(string, int, int)>>();
        if (inbound is not JsonArray list) return nodes;
        foreach (var node in list)
        {
            var tensors = new List<(string, int, int)>();
            if (node is JsonObject keras3)
            {
                foreach (var arg in keras3["args"] as JsonArray ?? []) CollectTensors(arg, tensors);
                // Tensors passed by keyword (an RNN's initial_state) follow the positional ones, as the layer's inputs.
                foreach (var (_, arg) in keras3["kwargs"] as JsonObject ?? []) CollectTensors(arg, tensors);
            }
            else if (node is JsonArray keras2)
            {
                foreach (var item in keras2.OfType<JsonArray>()) tensors.Add(History(item));
            }
            else throw new FormatException($"Layer '{layer}': unrecognized inbound node {node?.ToJsonString()}.");
            nodes.Add(tensors);
        }
        return nodes;
    }

    private static void CollectTensors(JsonNode? arg, List<(string, int, int)> tensors)
    {
        switch (arg)
        {
            case JsonObject o when (string?)o["class_name"] == "__keras_tensor__":
                tensors.Add(History(o["config"]!["keras_history"]!.AsArray()));
                break;
            case JsonArray a:
                foreach (var item in a) CollectTensors(item, tensors);
                break;
        }
    }

    private static IEnumerable<(string, int, int)> ReadHistories(JsonNode? node) => node switch
    {
        JsonArray a when a.Count > 0 && a[0] is JsonValue => [History(a)],
        JsonArray a => a.OfType<JsonArray>().Select(History),
        JsonObject o => o.Select(kv => History(kv.Value!.AsArray())),
        _ => throw new FormatException($"Unrecognized input/output layer list: {node?.ToJsonString()}."),
    };

    private static (string, int, int) History(JsonArray h) => ((string)h[0]!, (int)h[1]!, (int)h[2]!);
}
