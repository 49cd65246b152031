using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Training;

/// <summary>
/// The compiled loss (Keras's <c>CompileLoss</c>): one loss and weight per output, resolved from <c>Compile</c>'s arguments
/// against the model's output names. The total is the sum of each output's weighted loss; with several outputs, each weighted
/// loss is also tracked as "&lt;output&gt;_loss".
/// </summary>
internal sealed class CompiledLoss
{
    public CompiledLoss(LossSpec? spec, LossWeights? weights, IReadOnlyList<string> outputNames)
    {
        OutputNames = outputNames;
        Losses = Resolve(spec, outputNames);
        Weights = ResolveWeights(weights, outputNames);
        Trackers = outputNames.Count > 1
            ? outputNames.Select((n, i) => Losses[i] is null ? null : new RunningMean($"{n}_loss")).ToArray()
            : new RunningMean?[outputNames.Count];
    }

    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>The loss of each output (null: the output has no loss).</summary>
    public IReadOnlyList<Loss?> Losses { get; }

    public IReadOnlyList<float> Weights { get; }

    /// <summary>The per-output loss trackers (multi-output models only).</summary>
    public IReadOnlyList<RunningMean?> Trackers { get; }

    public bool HasLoss => Losses.Any(l => l is not null);

    /// <summary>The sum over outputs of weight × loss(y, yPred, sampleWeight), on the tape; updates the per-output trackers.</summary>
    public Tensor? Compute(IReadOnlyList<Tensor> y, IReadOnlyList<Tensor> yPred, IReadOnlyList<Tensor?>? sampleWeight)
    {
        Tensor? total = null;
        for (var i = 0; i < Losses.Count; i++)
        {
            if (Losses[i] is not { } loss) continue;
            var value = loss.Call(y[i], yPred[i], sampleWeight?[i]);
            if (value.Size != 1)
                throw new InvalidOperationException($"Loss '{loss.Name}' for output '{OutputNames[i]}' returned shape {value.Shape}; training needs a scalar (use a reduction other than 'none').");
            if (Weights[i] != 1f) value = Ops.Multiply(value, Tensor.Scalar(Weights[i]));
            Trackers[i]?.Update(value.Item(), yPred[i].Shape[0]);
            total = total is null ? value : Ops.Add(total, value);
        }
        return total is null ? null : total.Rank == 0 ? total : Ops.Reshape(total);
    }

    private static Loss?[] Resolve(LossSpec? spec, IReadOnlyList<string> outputs)
    {
        if (spec is null) return new Loss?[outputs.Count];
        if (spec.Keyed is { } keyed)
        {
            foreach (var key in keyed.Keys)
            {
                if (!outputs.Contains(key))
                    throw new ArgumentException($"Compile: in the dictionary argument 'loss', key '{key}' does not correspond to any model output. The outputs are: {string.Join(", ", outputs)}.");
            }
            return outputs.Select(o => keyed.GetValueOrDefault(o)).ToArray();
        }
        var list = spec.Positional;
        if (list.Count == 1) return outputs.Select(_ => list[0]).ToArray();
        if (list.Count != outputs.Count)
            throw new ArgumentException(
                $"Compile: for a model with {outputs.Count} output(s), 'loss' as a list needs one entry per output ({string.Join(", ", outputs)}); it has {list.Count}.");
        return [.. list];
    }

    private static float[] ResolveWeights(LossWeights? weights, IReadOnlyList<string> outputs)
    {
        if (weights is null) return outputs.Select(_ => 1f).ToArray();
        float[] result;
        if (weights.Keyed is { } keyed)
        {
            foreach (var key in keyed.Keys)
            {
                if (!outputs.Contains(key))
                    throw new ArgumentException($"Compile: in the dictionary argument 'lossWeights', key '{key}' does not correspond to any model output. The outputs are: {string.Join(", ", outputs)}.");
            }
            result = outputs.Select(o => keyed.TryGetValue(o, out var w) ? w : 1f).ToArray();
        }
        else
        {
            if (weights.Positional.Count != outputs.Count)
                throw new ArgumentException($"Compile: 'lossWeights' as a list needs one weight per output ({outputs.Count}); it has {weights.Positional.Count}.");
            result = [.. weights.Positional];
        }
        foreach (var w in result)
        {
            if (!float.IsFinite(w)) throw new ArgumentException($"Compile: loss weights must be finite numbers; got {w}.");
        }
        return result;
    }
}
