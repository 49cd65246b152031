using System.Collections;

namespace NotebookKeras.Runtime.Training;

/// <summary>
/// <c>Compile</c>'s <c>metrics</c> (and <c>weightedMetrics</c>): a list (<c>metrics: ["accuracy", new Precision()]</c>) used for
/// every output (a name makes a fresh metric per output; with several outputs, metric objects must be given per output), or
/// lists keyed by output name.
/// </summary>
public sealed class MetricsSpec : IEnumerable<MetricSpec>
{
    private readonly List<MetricSpec> _metrics = [];

    /// <summary>An empty list, to fill with <see cref="Add"/> (collection expressions do this).</summary>
    public MetricsSpec()
    {
    }

    private MetricsSpec(IReadOnlyDictionary<string, IReadOnlyList<MetricSpec>> keyed)
    {
        Keyed = keyed;
    }

    /// <summary>The metrics by output name, when given as a dictionary.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MetricSpec>>? Keyed { get; }

    /// <summary>The metrics used for every output, when given as a list.</summary>
    public IReadOnlyList<MetricSpec> Flat => _metrics;

    public void Add(MetricSpec metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (Keyed is not null) throw new InvalidOperationException("MetricsSpec: cannot add to metrics keyed by output name.");
        _metrics.Add(metric);
    }

    public static implicit operator MetricsSpec(MetricSpec[] metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var spec = new MetricsSpec();
        foreach (var m in metrics) spec.Add(m);
        return spec;
    }

    public static implicit operator MetricsSpec(string[] names) => names.Select(n => (MetricSpec)n).ToArray();

    public static implicit operator MetricsSpec(Dictionary<string, MetricSpec[]> keyed)
    {
        ArgumentNullException.ThrowIfNull(keyed);
        return new MetricsSpec(keyed.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<MetricSpec>)kv.Value));
    }

    public static implicit operator MetricsSpec(Dictionary<string, string[]> keyed)
    {
        ArgumentNullException.ThrowIfNull(keyed);
        return new MetricsSpec(keyed.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<MetricSpec>)kv.Value.Select(n => (MetricSpec)n).ToArray()));
    }

    public static implicit operator MetricsSpec(Dictionary<string, MetricSpec> keyed)
    {
        ArgumentNullException.ThrowIfNull(keyed);
        return new MetricsSpec(keyed.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<MetricSpec>)[kv.Value]));
    }

    public static implicit operator MetricsSpec(Dictionary<string, string> keyed)
    {
        ArgumentNullException.ThrowIfNull(keyed);
        return new MetricsSpec(keyed.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<MetricSpec>)[(MetricSpec)kv.Value]));
    }

    public IEnumerator<MetricSpec> GetEnumerator() => (Keyed?.Values.SelectMany(l => l) ?? _metrics).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
