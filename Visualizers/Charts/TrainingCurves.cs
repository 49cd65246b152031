using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Visualizers.Charts;

/// <summary>
/// Training curves: one panel per metric (the loss first, then the others in the order they were logged), the training values
/// as a solid line and the validation values (<c>val_</c>) as a dashed line of the same color, over epochs 1, 2, 3...
/// </summary>
public static class TrainingCurves
{
    private const string ValidationPrefix = "val_";

    /// <summary>The curves of a fit's <see cref="History"/>.</summary>
    public static Figure Plot(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return Plot(history.ToDictionary());
    }

    /// <summary>
    /// The curves of per-epoch values by log name (<c>"loss"</c>, <c>"val_accuracy"</c>...), e.g. the epochs logged so far of a fit
    /// that is still running. A name's values are drawn at epochs 1..n in order; a <c>val_</c> name with no training
    /// counterpart gets a panel of its own.
    /// </summary>
    public static Figure Plot(IReadOnlyDictionary<string, IReadOnlyList<double>> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var metrics = Metrics(logs.Keys);
        if (metrics.Count == 0 || logs.Values.All(v => v.Count == 0))
            throw new ArgumentException("TrainingCurves.Plot: nothing was logged yet (no epoch has ended), so there is no curve to draw.", nameof(logs));

        var figure = Subplots.Panels("Training curves", metrics.Count, maxColumns: 2, rowHeight: 300);
        // Epochs are whole numbers: ticks at whole epochs only, about ten of them at most.
        var epochTick = Math.Max(1, (int)Math.Ceiling(logs.Values.Max(v => v.Count) / 10.0));
        for (var m = 0; m < metrics.Count; m++)
        {
            var panel = m + 1;
            var metric = metrics[m];
            var color = Subplots.Color(m);
            if (logs.TryGetValue(metric, out var train))
                figure.Add(Series(metric, train).Line(color).Group(metric).OnSubplot(panel));
            if (logs.TryGetValue(ValidationPrefix + metric, out var validation))
                figure.Add(Series(ValidationPrefix + metric, validation).Line(color, "dash").Group(metric).OnSubplot(panel));
            figure.PanelTitle(panel, metric).AxisTitle(Subplots.Axis('x', panel), "epoch").AxisTitle(Subplots.Axis('y', panel), metric);
            figure.Layout[Subplots.Axis('x', panel)]!["dtick"] = epochTick;
        }
        return figure;
    }

    /// <summary>The metric names without their <c>val_</c> prefix: "loss" first, then the others in first-logged order.</summary>
    private static List<string> Metrics(IEnumerable<string> names)
    {
        var metrics = new List<string>();
        foreach (var name in names)
        {
            var metric = name.StartsWith(ValidationPrefix, StringComparison.Ordinal) && name.Length > ValidationPrefix.Length
                ? name[ValidationPrefix.Length..]
                : name;
            if (!metrics.Contains(metric)) metrics.Add(metric);
        }
        if (metrics.Remove("loss")) metrics.Insert(0, "loss");
        return metrics;
    }

    private static System.Text.Json.Nodes.JsonObject Series(string name, IReadOnlyList<double> values) =>
        Traces.Scatter(name, values.Select(v => (float)v).ToArray());
}
