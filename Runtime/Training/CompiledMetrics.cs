using NotebookKeras.Runtime.Metrics;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Training;

/// <summary>
/// The compiled metrics (Keras's <c>CompileMetrics</c>): built on the first batch, when the shapes of targets and predictions
/// are known (names such as "accuracy" depend on them). Unweighted metrics ignore sample weights; weighted metrics use them
/// (and are called "weighted_&lt;name&gt;" when an unweighted metric has the same name). With several outputs, log names are
/// prefixed by the output name ("digits_accuracy").
/// </summary>
internal sealed class CompiledMetrics(MetricsSpec? metrics, MetricsSpec? weightedMetrics)
{
    private List<Entry>? _entries;

    internal sealed record Entry(Metric Metric, int Output, bool Weighted, string LogName);

    public bool Built => _entries is not null;

    public IReadOnlyList<Entry> Entries => _entries ?? [];

    public void Build(IReadOnlyList<string> outputNames, IReadOnlyList<Tensor> y, IReadOnlyList<Tensor> yPred)
    {
        var entries = new List<Entry>();
        Add(entries, metrics, weighted: false, "metrics", outputNames, y, yPred);
        Add(entries, weightedMetrics, weighted: true, "weightedMetrics", outputNames, y, yPred);
        var unweighted = entries.Where(e => !e.Weighted).Select(e => e.LogName).ToHashSet();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Weighted && unweighted.Contains(entries[i].LogName)) entries[i] = entries[i] with { LogName = "weighted_" + entries[i].LogName };
        }
        var duplicate = entries.GroupBy(e => e.LogName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Compile: two metrics are logged as '{duplicate.Key}'; give them different names.");
        _entries = entries;
    }

    public void Update(IReadOnlyList<Tensor> y, IReadOnlyList<Tensor> yPred, IReadOnlyList<Tensor?>? sampleWeight)
    {
        foreach (var e in Entries)
            e.Metric.UpdateState(y[e.Output], yPred[e.Output], e.Weighted ? sampleWeight?[e.Output] : null);
    }

    public void Reset()
    {
        foreach (var e in Entries) e.Metric.ResetState();
    }

    /// <summary>Each metric's result under its log name; a vector result (per-class metrics) gives one entry per element.</summary>
    public IEnumerable<KeyValuePair<string, double>> Results()
    {
        foreach (var e in Entries)
        {
            var result = e.Metric.Result().ToArray();
            if (result.Length == 1) yield return new(e.LogName, result[0]);
            else
            {
                for (var i = 0; i < result.Length; i++) yield return new($"{e.LogName}_{i}", result[i]);
            }
        }
    }

    /// <summary>The metrics owner's resolution (Keras's get_metric); an unknown name lists the closest valid names.</summary>
    private static Metric Resolve(MetricSpec spec, Shape yTrue, Shape yPred)
    {
        try
        {
            return Metric.Resolve((object?)spec.Name ?? spec.Metric!, yTrue, yPred);
        }
        catch (ArgumentException e) when (spec.Name is { } name)
        {
            var close = NameSuggestions.Closest(name, Metric.Names);
            throw new ArgumentException(
                $"Unknown metric '{name}'.{(close.Count > 0 ? $" The closest valid names are: {string.Join(", ", close)}." : "")} {e.Message}", nameof(spec), e);
        }
    }

    /// <summary>Keras's <c>metric._direction</c> of the metric logged as <paramref name="logName"/> ("up", "down"), if known.</summary>
    public string? Direction(string logName) => Entries.FirstOrDefault(e => e.LogName == logName)?.Metric.Direction;

    private static void Add(
        List<Entry> entries, MetricsSpec? spec, bool weighted, string argument, IReadOnlyList<string> outputs,
        IReadOnlyList<Tensor> y, IReadOnlyList<Tensor> yPred)
    {
        if (spec is null) return;
        var prefix = outputs.Count > 1;
        void AddFor(int output, MetricSpec m)
        {
            var metric = Resolve(m, y[output].Shape, yPred[output].Shape);
            entries.Add(new Entry(metric, output, weighted, prefix ? $"{outputs[output]}_{metric.Name}" : metric.Name));
        }

        if (spec.Keyed is { } keyed)
        {
            foreach (var key in keyed.Keys)
            {
                if (!outputs.Contains(key))
                    throw new ArgumentException($"Compile: in the dictionary argument '{argument}', key '{key}' does not correspond to any model output. The outputs are: {string.Join(", ", outputs)}.");
            }
            for (var o = 0; o < outputs.Count; o++)
            {
                if (keyed.TryGetValue(outputs[o], out var list)) foreach (var m in list) AddFor(o, m);
            }
            return;
        }
        if (prefix && spec.Flat.Any(m => m.Metric is not null))
            throw new ArgumentException(
                $"Compile: the model has {outputs.Count} outputs ({string.Join(", ", outputs)}), so metric objects in '{argument}' must be given per output, " +
                "in a dictionary keyed by output name (a metric keeps state and cannot serve two outputs). Names such as \"accuracy\" may stay in a plain list.");
        for (var o = 0; o < outputs.Count; o++)
        {
            foreach (var m in spec.Flat) AddFor(o, m);
        }
    }
}
