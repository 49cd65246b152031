using NotebookKeras.Runtime.Models;

namespace NotebookKeras.Visualizers.Charts;

/// <summary>Histograms of a model's weights: one panel per layer that has weights, one trace per weight (kernel, bias...).</summary>
public static class WeightHistograms
{
    /// <summary>The weights' current values, trainable and not (a BatchNormalization's moving statistics too).</summary>
    public static Figure Plot(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var owners = LayerHistograms.Owners(model);
        if (owners.Count == 0)
            throw new InvalidOperationException(
                $"WeightHistograms.Plot: model '{model.Name}' has no weights yet. Build it first: start it with an Input, or call it (or Fit) on data.");
        return LayerHistograms.Plot($"Weights of '{model.Name}'", owners, weight => weight.Value);
    }
}
