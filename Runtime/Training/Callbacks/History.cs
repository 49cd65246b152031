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

    /// <summary>The number of epochs and how each value moved, e.g. "History: 3 epochs; loss 0.412 → 0.301, accuracy 0.81 → 0.9".</summary>
    public override string ToString()
    {
        if (_values.Count == 0) return "History: no epoch recorded";
        var epochs = _values.Values.Max(v => v.Count);
        var moves = _values.Select(kv => kv.Value.Count == 1
            ? $"{kv.Key} {F(kv.Value[0])}"
            : $"{kv.Key} {F(kv.Value[0])} \u2192 {F(kv.Value[^1])}");
        return $"History: {epochs} {(epochs == 1 ? "epoch" : "epochs")}; {string.Join(", ", moves)}";
    }

    private static string F(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
