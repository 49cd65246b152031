using System.Globalization;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Visualizers.Charts;

/// <summary>
/// Histograms of the gradients training would apply: one batch through the model's compiled loss under a
/// <see cref="GradientTape"/>, one panel per layer with trainable weights, one trace per weight. Nothing is updated.
/// </summary>
public static class GradientHistograms
{
    /// <summary>The gradient of the compiled loss on (<paramref name="x"/>, <paramref name="y"/>) with respect to each trainable weight.</summary>
    public static Figure Plot(Model model, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (!model.Compiled)
            throw new InvalidOperationException(
                $"GradientHistograms.Plot: model '{model.Name}' is not compiled. The gradients are those of its compiled loss: call Compile(optimizer, loss) first.");

        Tensor loss;
        Tensor[] gradients;
        IReadOnlyList<Variable> trainable;
        using (var tape = new GradientTape())
        {
            // The loss builds the model if needed, so the trainable weights are read after it.
            loss = model.LossOnBatch(x, y);
            trainable = model.TrainableWeights;
            gradients = tape.Gradient(loss, trainable);
        }
        var byWeight = new Dictionary<Variable, Tensor>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < trainable.Count; i++) byWeight[trainable[i]] = gradients[i];

        var owners = LayerHistograms.Owners(model)
            .Select(o => (o.Layer, Weights: o.Weights.Where(byWeight.ContainsKey).ToList()))
            .Where(o => o.Weights.Count > 0)
            .ToList();
        if (owners.Count == 0)
            throw new InvalidOperationException($"GradientHistograms.Plot: model '{model.Name}' has no trainable weights, so there is no gradient to show.");
        var title = $"Gradients of the loss ({loss.Item().ToString("G4", CultureInfo.InvariantCulture)}) on one batch of {x.Shape[0]}";
        return LayerHistograms.Plot(title, owners, weight => byWeight[weight]);
    }
}
