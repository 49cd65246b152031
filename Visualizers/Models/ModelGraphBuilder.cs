using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Models;

namespace NotebookKeras.Visualizers.Models;

/// <summary>The boxes (layers) and arrows (one per connection, by box index) of a model's graph.</summary>
internal sealed record ModelGraphData(IReadOnlyList<Layer> Layers, IReadOnlyList<(int From, int To)> Edges);

/// <summary>
/// Walks a model into boxes and edges: a Functional model through its recorded nodes (so shared layers get one box and an edge per
/// use), a Sequential one as a chain. With <c>expandNested</c>, a nested model is replaced by its own layers, with the outer edges
/// attached to its input and output layers.
/// </summary>
internal sealed class ModelGraphBuilder
{
    private readonly List<Layer> _layers = [];
    private readonly List<(int, int)> _edges = [];
    private readonly Dictionary<Layer, Ports> _ports = [];
    private readonly bool _expandNested;

    private ModelGraphBuilder(bool expandNested) => _expandNested = expandNested;

    // Where edges attach to a layer: a box per input slot and per output index (all the same box unless it is an expanded model).
    private sealed record Ports(IReadOnlyList<int> Entries, IReadOnlyList<int> Exits);

    public static ModelGraphData Build(Model model, bool expandNested)
    {
        var builder = new ModelGraphBuilder(expandNested);
        builder.AddModel(model);
        return new ModelGraphData(builder._layers, builder._edges);
    }

    private Ports AddModel(Model model)
    {
        if (model is Functional functional) return AddFunctional(functional);
        var chain = model.Layers.Select(PortsOf).ToList();
        for (var i = 1; i < chain.Count; i++) _edges.Add((chain[i - 1].Exits[0], chain[i].Entries[0]));
        return chain.Count == 0 ? new Ports([], []) : new Ports(chain[0].Entries, chain[^1].Exits);
    }

    private Ports AddFunctional(Functional model)
    {
        // Inputs first, so that ties in the layout keep the model's input order.
        foreach (var input in model.Inputs) PortsOf(input.Layer);
        foreach (var node in model.Nodes)
        {
            var target = PortsOf(node.Layer);
            for (var i = 0; i < node.Inputs.Count; i++)
            {
                var source = node.Inputs[i];
                var exits = PortsOf(source.Layer).Exits;
                _edges.Add((exits[Math.Min(source.Index, exits.Count - 1)], target.Entries[Math.Min(i, target.Entries.Count - 1)]));
            }
        }
        return new Ports(
            [.. model.Inputs.Select(k => PortsOf(k.Layer).Exits[0])],
            [.. model.Outputs.Select(k => PortsOf(k.Layer).Exits[Math.Min(k.Index, PortsOf(k.Layer).Exits.Count - 1)])]);
    }

    private Ports PortsOf(Layer layer)
    {
        if (_ports.TryGetValue(layer, out var ports)) return ports;
        if (_expandNested && layer is Model nested && nested.Layers.Count > 0)
        {
            ports = AddModel(nested);
        }
        else
        {
            _layers.Add(layer);
            ports = new Ports([_layers.Count - 1], [_layers.Count - 1]);
        }
        _ports[layer] = ports;
        return ports;
    }
}
