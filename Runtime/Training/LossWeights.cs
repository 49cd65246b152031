using System.Collections;

namespace NotebookKeras.Runtime.Training;

/// <summary>
/// <c>Compile</c>'s <c>lossWeights</c>: the factors of each output's loss in the total, by position (<c>[1.0f, 0.2f]</c>) or keyed
/// by output name (outputs left out weigh 1).
/// </summary>
public sealed class LossWeights : IEnumerable<float>
{
    private readonly List<float> _weights = [];

    public LossWeights()
    {
    }

    private LossWeights(IReadOnlyDictionary<string, float> keyed)
    {
        Keyed = keyed;
    }

    public IReadOnlyDictionary<string, float>? Keyed { get; }

    public IReadOnlyList<float> Positional => _weights;

    public void Add(float weight)
    {
        if (Keyed is not null) throw new InvalidOperationException("LossWeights: cannot add a positional weight to weights keyed by output name.");
        _weights.Add(weight);
    }

    public static implicit operator LossWeights(float[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var spec = new LossWeights();
        foreach (var w in weights) spec.Add(w);
        return spec;
    }

    public static implicit operator LossWeights(Dictionary<string, float> keyed) => new(new Dictionary<string, float>(keyed ?? throw new ArgumentNullException(nameof(keyed))));

    public IEnumerator<float> GetEnumerator() => (Keyed?.Values ?? (IEnumerable<float>)_weights).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
