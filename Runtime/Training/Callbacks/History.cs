using System.Globalization;

namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>
/// The per-epoch record of a fit (Keras's <c>History</c>, returned by <c>Fit</c> and kept as <c>model.History</c>):
/// <c>history["loss"]</c>, <c>history["val_accuracy"]</c>, ... one value per epoch, and the epoch numbers in <see cref="Epoch"/>.
/// </summary>
public sealed class History : Callback
{
    private readonly Dictionary<string, List<double>> _values = [];
    private readonly List<int> _epochs = [];

    /// <summary>The epochs recorded (0-based, as Keras's <c>history.epoch</c>).</summary>
    public IReadOnlyList<int> Epoch => _epochs;

    /// <summary>The names recorded, in the order they first appeared.</summary>
    public IReadOnlyList<string> Keys => [.. _values.Keys];

    /// <summary>The values of <paramref name="name"/>, one per epoch in which it was logged.</summary>
    public IReadOnlyList<double> this[string name] => _values.TryGetValue(name, out var v)
        ? v
        : throw new KeyNotFoundException($"History has no '{name}'; it has: {string.Join(", ", _values.Keys)}.");

    /// <summary>Whether <paramref name="name"/> was logged.</summary>
    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>Keras's <c>history.history</c>: every name with its values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> ToDictionary() => _values.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)kv.Value.ToArray());

    public override void OnTrainBegin(IDictionary<string, double> logs)
    {
        // As in Keras: the epoch list restarts, the values of a History passed to several fits accumulate.
        _epochs.Clear();
    }

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        _epochs.Add(epoch);
        foreach (var (name, value) in logs)
        {
            if (!_values.TryGetValue(name, out var list)) _values[name] = list = [];
            list.Add(value);
        }
        Model?.SetHistory(this);
    }

    public override string ToString() =>
        "{" + string.Join(", ", _values.Select(kv => $"'{kv.Key}': [{string.Join(", ", kv.Value.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)))}]")) + "}";
}
