namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>
/// Whether a monitored quantity improves by going down or up, for the callbacks that watch one (EarlyStopping, ModelCheckpoint,
/// ReduceLROnPlateau): "min", "max", or "auto", which decides by the metric's name as Keras does (losses and errors go down;
/// accuracies, AUC, precision, recall, F-scores and R² go up).
/// </summary>
internal static class MonitorMode
{
    private static readonly string[] Increasing = ["acc", "auc", "precision", "recall", "f1", "fbeta", "r2", "fmeasure"];

    public static void Validate(string mode, string owner)
    {
        if (mode is not ("auto" or "min" or "max"))
            throw new ArgumentException($"{owner}: mode must be 'auto', 'min' or 'max'; got '{mode}'.", nameof(mode));
    }

    /// <summary>
    /// True when larger values of <paramref name="monitor"/> are better. In "auto" mode a compiled metric of
    /// <paramref name="model"/> says its direction, as Keras 3's metrics do; otherwise the name decides.
    /// </summary>
    public static bool IsIncreasing(string monitor, string mode, Models.Model? model = null)
    {
        if (mode != "auto") return mode == "max";
        var name = monitor.StartsWith("val_", StringComparison.Ordinal) ? monitor[4..] : monitor;
        if (name == "loss" || name.EndsWith("_loss", StringComparison.Ordinal)) return false;
        return model?.MetricDirection(name) switch
        {
            "up" => true,
            "down" => false,
            _ => Increasing.Any(k => name.Contains(k, StringComparison.Ordinal)),
        };
    }

    /// <summary>The value of <paramref name="monitor"/> in the logs, or null (with Keras's warning naming the available ones).</summary>
    public static double? Read(IDictionary<string, double> logs, string monitor, string owner)
    {
        if (logs.TryGetValue(monitor, out var value)) return value;
        TrainingWarnings.Warn($"{owner} is conditioned on metric '{monitor}', which is not available. Available metrics are: {string.Join(", ", logs.Keys)}.");
        return null;
    }
}
