using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Visualizers.Charts;

/// <summary>
/// Per-layer histograms of per-weight values (the weights themselves, or their gradients): one panel per layer, one trace per
/// weight, each weight name (kernel, bias...) in one color across the panels.
/// </summary>
internal static class LayerHistograms
{
    /// <summary>Bins per panel.</summary>
    public const int Bins = 50;

    /// <summary>
    /// The layers that own weights, each with the float weights it owns directly: nested models are opened, so each inner
    /// layer has its own panel; a model's own weights (a subclassed model's <c>AddWeight</c>) go under the model's name.
    /// </summary>
    public static List<(string Layer, List<Variable> Weights)> Owners(Model model)
    {
        var owners = new List<(string, List<Variable>)>();
        Collect(model, owners);
        return owners;
    }

    /// <summary>A figure of one panel per layer; <paramref name="values"/> gives what to histogram for each weight.</summary>
    public static Figure Plot(string title, IReadOnlyList<(string Layer, List<Variable> Weights)> owners, Func<Variable, Tensor> values)
    {
        var figure = Subplots.Panels(title, owners.Count, maxColumns: 3, rowHeight: 260);
        figure.Layout["barmode"] = "overlay";
        var colors = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var p = 0; p < owners.Count; p++)
        {
            var panel = p + 1;
            var panelValues = owners[p].Weights.Select(w => values(w).ToArray()).ToList();
            // The weights of a panel share their bins, so the overlaid bars compare.
            var (lo, hi) = Traces.Range(panelValues.SelectMany(v => v).ToArray());
            for (var w = 0; w < owners[p].Weights.Count; w++)
            {
                var weight = owners[p].Weights[w];
                var first = !colors.TryGetValue(weight.Name, out var color);
                if (first) colors[weight.Name] = color = Subplots.Color(colors.Count);
                var trace = Traces.Histogram(weight.Name, panelValues[w], Bins, lo, hi).Group(weight.Name, showInLegend: first).OnSubplot(panel);
                trace["marker"]!["color"] = color;
                trace["opacity"] = 0.7;
                trace["hovertemplate"] = weight.Path + "<br>%{x}: %{y}<extra></extra>";
                figure.Add(trace);
            }
            figure.PanelTitle(panel, owners[p].Layer);
        }
        return figure;
    }

    private static void Collect(Layer layer, List<(string, List<Variable>)> owners)
    {
        if (layer is Model model)
        {
            var inner = new HashSet<Variable>(model.Layers.SelectMany(l => l.Weights), ReferenceEqualityComparer.Instance);
            var own = model.Weights.Where(v => !inner.Contains(v) && v.DType == DType.Float32).ToList();
            if (own.Count > 0) owners.Add((model.Name, own));
            foreach (var child in model.Layers) Collect(child, owners);
            return;
        }
        var weights = layer.Weights.Where(v => v.DType == DType.Float32).ToList();
        if (weights.Count > 0) owners.Add((layer.Name, weights));
    }
}
