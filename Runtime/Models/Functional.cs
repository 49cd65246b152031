using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Models;

/// <summary>
/// A model defined by a graph of layers applied to symbolic tensors, from its inputs to its outputs (Keras's functional API):
/// <c>var x = Input([784]); var y = Dense(10).Apply(x); var model = Model(x, y);</c>. Several inputs and outputs, shared
/// layers and nested models are supported; a model over intermediate outputs extracts features.
/// </summary>
public class Functional : Model
{
    private readonly IReadOnlyList<Node> _executionOrder;
    private readonly IReadOnlyList<Layer> _layers;

    public Functional(KerasTensor inputs, KerasTensor outputs, string? name = null, bool trainable = true)
        : this([inputs], [outputs], name, trainable)
    {
    }

    /// <summary>A model over several inputs and one output, e.g. <c>new Functional(model.Inputs, layer.Output)</c> for feature extraction.</summary>
    public Functional(IReadOnlyList<KerasTensor> inputs, KerasTensor outputs, string? name = null, bool trainable = true)
        : this(inputs, [outputs], name, trainable)
    {
    }

    public Functional(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, string? name = null, bool trainable = true)
        : this(inputs, outputs, null, name, trainable)
    {
    }

    /// <summary>A model whose outputs are keyed by name (Keras's dict outputs); the keys name the outputs for losses and results.</summary>
    public Functional(IReadOnlyList<KerasTensor> inputs, IReadOnlyDictionary<string, KerasTensor> outputs, string? name = null, bool trainable = true)
        : this(inputs, [.. outputs.Values], [.. outputs.Keys], name, trainable)
    {
    }

    private Functional(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, IReadOnlyList<string>? outputNames, string? name, bool trainable)
        : base(name, trainable)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        if (inputs.Count == 0) throw new ArgumentException("A functional model needs at least one input.", nameof(inputs));
        if (outputs.Count == 0) throw new ArgumentException("A functional model needs at least one output.", nameof(outputs));
        Inputs = inputs;
        Outputs = outputs;
        (_executionOrder, _layers) = GraphOrder.Sort(inputs, outputs, Name);
        InputNames = inputs.Select(k => k.Layer.Name).ToArray();
        OutputNames = outputNames ?? outputs.Select(k => k.Layer.Name).ToArray();
        MarkBuilt(inputs.Select(k => k.Shape).ToArray());
    }

    public override string ClassName => "Functional";

    public override string Module => "keras.src.models.functional";

    /// <summary>The symbolic inputs.</summary>
    public IReadOnlyList<KerasTensor> Inputs { get; }

    /// <summary>The symbolic outputs.</summary>
    public IReadOnlyList<KerasTensor> Outputs { get; }

    /// <summary>The names of the inputs (their input layers' names).</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>The names of the outputs (dict keys, or the producing layers' names).</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Every layer of the graph, input layers included, in Keras's order (by depth from the inputs).</summary>
    public override IReadOnlyList<Layer> Layers => _layers;

    internal override IReadOnlyList<Layer> TrackedLayers => _layers;

    /// <summary>The graph's nodes in execution order (for summaries and plots).</summary>
    internal IReadOnlyList<Node> Nodes => _executionOrder;

    /// <summary>Runs the graph on inputs keyed by input name; returns outputs keyed by output name.</summary>
    public IReadOnlyDictionary<string, Tensor> Apply(IReadOnlyDictionary<string, Tensor> inputs, bool? training = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var ordered = InputNames.Select(n => inputs.TryGetValue(n, out var t)
            ? t
            : throw new ArgumentException($"Model '{Name}' expects an input named '{n}'; received [{string.Join(", ", inputs.Keys)}].", nameof(inputs))).ToArray();
        var outputs = ApplyMany(ordered, training);
        return OutputNames.Select((n, i) => (n, outputs[i])).ToDictionary(p => p.n, p => p.Item2);
    }

    protected internal override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training, IReadOnlyList<Tensor?> masks)
    {
        if (inputs.Count != Inputs.Count)
            throw new ArgumentException($"Model '{Name}' expects {Inputs.Count} input(s) ({string.Join(", ", InputNames)}), but it received {inputs.Count}.");
        var values = new Dictionary<KerasTensor, Tensor>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < inputs.Count; i++)
        {
            CheckCompatible(Inputs[i], inputs[i].Shape, i);
            values[Inputs[i]] = inputs[i];
        }
        foreach (var node in _executionOrder)
        {
            var args = node.Inputs.Select(k => values[k]).ToArray();
            var results = node.Layer.Invoke(args, training, args.Select(a => a.KerasMask).ToArray());
            for (var i = 0; i < node.Outputs.Count; i++) values[node.Outputs[i]] = results[i];
        }
        return Outputs.Select(k => values[k]).ToArray();
    }

    public override void Build(IReadOnlyList<Shape> inputShapes)
    {
        // Built at construction: every layer of the graph was built when it was applied to the symbolic inputs.
    }

    public override IReadOnlyList<Shape> ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        if (inputShapes.Count != Inputs.Count)
            throw new ArgumentException($"Model '{Name}' expects {Inputs.Count} input shape(s), got {inputShapes.Count}.");
        var shapes = new Dictionary<KerasTensor, Shape>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < inputShapes.Count; i++)
        {
            CheckCompatible(Inputs[i], inputShapes[i], i);
            shapes[Inputs[i]] = inputShapes[i];
        }
        foreach (var node in _executionOrder)
        {
            var outs = node.Layer.ComputeOutputShape(node.Inputs.Select(k => shapes[k]).ToArray());
            for (var i = 0; i < node.Outputs.Count; i++) shapes[node.Outputs[i]] = outs[i];
        }
        return Outputs.Select(k => shapes[k]).ToArray();
    }

    public override JsonObject GetConfig()
    {
        var config = new JsonObject { ["name"] = Name, ["trainable"] = Trainable };
        var layers = new JsonArray();
        foreach (var layer in _layers)
        {
            var entry = Saving.KerasRegistry.Serialize(layer);
            entry["name"] = layer.Name;
            var inbound = new JsonArray();
            foreach (var node in layer.InboundNodes.Where(n => _executionOrder.Contains(n)))
            {
                // Keras passes several inputs as one list argument.
                var tensors = node.Inputs.Select(k => (JsonNode)HistoryJson(k)).ToArray();
                inbound.Add(new JsonObject
                {
                    ["args"] = tensors.Length == 1 ? new JsonArray(tensors) : new JsonArray(new JsonArray(tensors)),
                    ["kwargs"] = new JsonObject(),
                });
            }
            entry["inbound_nodes"] = inbound;
            layers.Add(entry);
        }
        config["layers"] = layers;
        config["input_layers"] = new JsonArray(Inputs.Select(k => (JsonNode)KerasHistory(k)).ToArray());
        config["output_layers"] = new JsonArray(Outputs.Select(k => (JsonNode)KerasHistory(k)).ToArray());
        return config;
    }

    internal static void Register()
    {
        Saving.KerasRegistry.Register("keras.src.models.functional", "Functional", FunctionalConfig.FromConfig);
        Saving.KerasRegistry.Register("keras", "Functional", FunctionalConfig.FromConfig);
        Saving.KerasRegistry.Register("keras", "Model", FunctionalConfig.FromConfig);
    }

    // Keras 3 counts a nested Functional model's own construction as its node 0, so its calls start at node 1 in the outer
    // graph; NotebookKeras models have no such node (ModelJson shifts such references back when reading).
    private static JsonArray KerasHistory(KerasTensor k) => [k.Layer.Name, k.Node.IndexInLayer + (k.Layer is Functional ? 1 : 0), k.Index];

    private static JsonObject HistoryJson(KerasTensor k) => new()
    {
        ["class_name"] = "__keras_tensor__",
        ["config"] = new JsonObject
        {
            ["shape"] = LayerConfig.ShapeToJson(k.Shape),
            ["dtype"] = k.DType.KerasName(),
            ["keras_history"] = KerasHistory(k),
        },
    };

    private void CheckCompatible(KerasTensor expected, Shape actual, int index)
    {
        var e = expected.Shape;
        var ok = e.Rank == actual.Rank;
        for (var d = 0; ok && d < e.Rank; d++) ok = e[d] < 0 || actual[d] < 0 || e[d] == actual[d];
        if (!ok)
            throw new ArgumentException(
                $"Input {index} ('{InputNames[index]}') of model '{Name}' is incompatible: expected shape {e}, received {actual}.");
    }

    /// <summary>A node is an input node when its layer is an <see cref="InputLayer"/>; such nodes are not executed.</summary>
    private static class GraphOrder
    {
        public static (IReadOnlyList<Node> Nodes, IReadOnlyList<Layer> Layers) Sort(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, string model)
        {
            // Keras's map_graph: DFS from the outputs gives nodes in decreasing depth and each layer's first-visit index;
            // depths then order the layers (deepest = inputs first), ties broken by first visit.
            var inputSet = new HashSet<KerasTensor>(inputs, ReferenceEqualityComparer.Instance);
            var finished = new HashSet<Node>(ReferenceEqualityComparer.Instance);
            var inProgress = new HashSet<Node>(ReferenceEqualityComparer.Instance);
            var decreasingDepth = new List<Node>();
            var layerIndex = new Dictionary<Layer, int>(ReferenceEqualityComparer.Instance);

            void Visit(KerasTensor tensor)
            {
                var node = tensor.Node;
                if (finished.Contains(node)) return;
                if (!inProgress.Add(node)) throw new InvalidOperationException($"Model '{model}': the graph has a cycle at layer '{node.Layer.Name}'.");
                layerIndex.TryAdd(node.Layer, layerIndex.Count);
                if (!node.IsInput && !inputSet.Contains(tensor))
                {
                    foreach (var t in node.Inputs) Visit(t);
                }
                else if (node.IsInput && !inputSet.Contains(tensor))
                {
                    throw new ArgumentException(
                        $"Model '{model}': output depends on input '{node.Layer.Name}', which is not among the model's inputs [{string.Join(", ", inputs.Select(i => i.Layer.Name))}].");
                }
                inProgress.Remove(node);
                finished.Add(node);
                decreasingDepth.Add(node);
            }

            foreach (var o in outputs) Visit(o);

            var nodeDepth = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
            var layerDepth = new Dictionary<Layer, int>(ReferenceEqualityComparer.Instance);
            for (var i = decreasingDepth.Count - 1; i >= 0; i--)
            {
                var node = decreasingDepth[i];
                var depth = nodeDepth.GetValueOrDefault(node);
                depth = Math.Max(depth, layerDepth.GetValueOrDefault(node.Layer));
                layerDepth[node.Layer] = depth;
                nodeDepth[node] = depth;
                if (node.IsInput) continue;
                foreach (var parent in node.Inputs.Select(k => k.Node))
                    nodeDepth[parent] = Math.Max(depth + 1, nodeDepth.GetValueOrDefault(parent));
            }

            var nodes = decreasingDepth.Where(n => !n.IsInput && !n.Outputs.All(inputSet.Contains))
                .OrderByDescending(n => nodeDepth[n]).ThenBy(n => decreasingDepth.IndexOf(n)).ToList();
            var layers = layerDepth.Keys.OrderByDescending(l => layerDepth[l]).ThenBy(l => layerIndex[l]).ToList();
            return (nodes, layers);
        }
    }
}
