using System.Collections;
using System.Globalization;

namespace NotebookKeras.Runtime.Training;

/// <summary>
/// What <c>Evaluate</c>, <c>TrainOnBatch</c> and <c>TestOnBatch</c> return: the loss and the metrics, in Keras's order
/// (<c>result[0]</c> is the loss; <c>double loss = model.Evaluate(x, y);</c> works), and by name
/// (<c>result["accuracy"]</c>). With <c>returnDict: true</c> it displays as Keras's dictionary, otherwise as its list (or the
/// single loss).
/// </summary>
public sealed class EvaluationResult : IReadOnlyList<double>
{
    private readonly double[] _values;

    internal EvaluationResult(IReadOnlyList<KeyValuePair<string, double>> results, bool isDictionary)
    {
        Names = results.Select(r => r.Key).ToArray();
        _values = results.Select(r => r.Value).ToArray();
        IsDictionary = isDictionary;
    }

    /// <summary>The names, in order: "loss", then the metrics, then per-output losses.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Whether <c>returnDict: true</c> was asked for (it changes only how the result displays).</summary>
    public bool IsDictionary { get; }

    public int Count => _values.Length;

    public double this[int index] => _values[index];

    /// <summary>The value called <paramref name="name"/>; the error lists the names there are.</summary>
    public double this[string name]
    {
        get
        {
            for (var i = 0; i < Names.Count; i++)
            {
                if (Names[i] == name) return _values[i];
            }
            throw new KeyNotFoundException($"No result named '{name}'; the results are: {string.Join(", ", Names)}.");
        }
    }

    /// <summary>The total loss.</summary>
    public double Loss => this["loss"];

    /// <summary>The results by name (Keras's <c>return_dict=True</c>).</summary>
    public IReadOnlyDictionary<string, double> ToDictionary() => Names.Select((n, i) => (n, _values[i])).ToDictionary(p => p.n, p => p.Item2);

    /// <summary>The first value, the loss: Keras returns a bare scalar when there are no metrics.</summary>
    public static implicit operator double(EvaluationResult result) => result[0];

    public IEnumerator<double> GetEnumerator() => ((IEnumerable<double>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString()
    {
        static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        if (IsDictionary) return "{" + string.Join(", ", Names.Select((n, i) => $"'{n}': {F(_values[i])}")) + "}";
        return _values.Length == 1 ? F(_values[0]) : "[" + string.Join(", ", _values.Select(F)) + "]";
    }
}
