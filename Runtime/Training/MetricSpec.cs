using NotebookKeras.Runtime.Metrics;

namespace NotebookKeras.Runtime.Training;

/// <summary>
/// One entry of <c>Compile</c>'s <c>metrics</c>: a <see cref="Metric"/>, or a Keras name kept as a name until the first batch,
/// because Keras resolves "accuracy" (and "crossentropy") by the shapes of the targets and predictions and by the loss.
/// </summary>
public sealed class MetricSpec
{
    private MetricSpec(string? name, Metric? metric)
    {
        Name = name;
        Metric = metric;
    }

    /// <summary>The Keras name, when given by name.</summary>
    public string? Name { get; }

    /// <summary>The metric object, when given as one.</summary>
    public Metric? Metric { get; }

    public static implicit operator MetricSpec(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new MetricSpec(name, null);
    }

    public static implicit operator MetricSpec(Metric metric) => new(null, metric ?? throw new ArgumentNullException(nameof(metric)));

    public override string ToString() => Name ?? Metric!.ToString();
}
