using System.Collections;
using NotebookKeras.Runtime.Losses;

namespace NotebookKeras.Runtime.Training;

/// <summary>
/// <c>Compile</c>'s <c>loss</c>, as Keras accepts it: one loss (a <see cref="Loss"/> or its Keras name) for every output, a list
/// with one loss per output (<c>loss: ["mse", "sparse_categorical_crossentropy"]</c>), or losses keyed by output name (outputs
/// left out get no loss).
/// </summary>
public sealed class LossSpec : IEnumerable<Loss?>
{
    private readonly List<Loss?> _losses = [];

    /// <summary>An empty list, to fill with <see cref="Add"/> (collection expressions do this).</summary>
    public LossSpec()
    {
    }

    private LossSpec(IReadOnlyDictionary<string, Loss?> keyed)
    {
        Keyed = keyed;
    }

    /// <summary>The losses by output name, when given as a dictionary.</summary>
    public IReadOnlyDictionary<string, Loss?>? Keyed { get; }

    /// <summary>The losses by position (one loss for every output when there is exactly one).</summary>
    public IReadOnlyList<Loss?> Positional => _losses;

    public void Add(Loss? loss)
    {
        if (Keyed is not null) throw new InvalidOperationException("LossSpec: cannot add a positional loss to losses keyed by output name.");
        _losses.Add(loss);
    }

    public static implicit operator LossSpec(Loss loss) => [loss ?? throw new ArgumentNullException(nameof(loss))];

    public static implicit operator LossSpec(string name) => [Resolve(name)];

    public static implicit operator LossSpec(Loss[] losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        var spec = new LossSpec();
        foreach (var l in losses) spec.Add(l);
        return spec;
    }

    public static implicit operator LossSpec(string[] names) => names.Select(Resolve).ToArray();

    public static implicit operator LossSpec(Dictionary<string, Loss?> keyed) => new(new Dictionary<string, Loss?>(keyed ?? throw new ArgumentNullException(nameof(keyed))));

    public static implicit operator LossSpec(Dictionary<string, string> keyed)
    {
        ArgumentNullException.ThrowIfNull(keyed);
        return new LossSpec(keyed.ToDictionary(kv => kv.Key, kv => (Loss?)Resolve(kv.Value)));
    }

    /// <summary>The loss called <paramref name="name"/>; an unknown name lists the closest valid ones.</summary>
    internal static Loss Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            return Loss.Get(name);
        }
        catch (ArgumentException e)
        {
            var close = NameSuggestions.Closest(name, Loss.Names);
            throw new ArgumentException(
                $"Unknown loss '{name}'.{(close.Count > 0 ? $" The closest valid names are: {string.Join(", ", close)}." : "")} {e.Message}", nameof(name), e);
        }
    }

    public IEnumerator<Loss?> GetEnumerator() => (Keyed?.Values ?? _losses).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
