namespace NotebookKeras.Runtime.Metrics;

/// <summary>Keras's threshold helpers for the confusion-matrix metrics (<c>metrics_utils.parse_init_thresholds</c>, ...).</summary>
internal static class ThresholdValues
{
    /// <summary>Keras's <c>NEG_INF</c>: the threshold of top-k precision and recall, below every kept prediction.</summary>
    public const float NegativeInfinity = -1e10f;

    /// <summary>The thresholds given (each in [0, 1]), or the single default.</summary>
    public static float[] Parse(float[]? thresholds, float defaultThreshold, string owner)
    {
        if (thresholds is null) return [defaultThreshold];
        if (thresholds.Length == 0) throw new ArgumentException($"{owner}: thresholds must not be empty.", nameof(thresholds));
        var invalid = thresholds.Where(t => !(t >= 0 && t <= 1)).ToArray();
        if (invalid.Length > 0)
            throw new ArgumentOutOfRangeException(nameof(thresholds), $"{owner}: threshold values must be in [0, 1]; got {string.Join(", ", invalid)}.");
        return (float[])thresholds.Clone();
    }

    /// <summary>
    /// Keras's <c>is_evenly_distributed_thresholds</c>: at least 3 values, each close to i / (n - 1) (NumPy's allclose with
    /// atol = 1e-7). Such thresholds allow the O(n + thresholds) bucket update.
    /// </summary>
    public static bool AreEvenlyDistributed(IReadOnlyList<double> thresholds)
    {
        var n = thresholds.Count;
        if (n < 3) return false;
        for (var i = 0; i < n; i++)
        {
            double even = (float)i / (float)(n - 1);
            if (!(Math.Abs(thresholds[i] - even) <= 1e-7 + 1e-5 * Math.Abs(even))) return false;
        }
        return true;
    }

    /// <summary>Keras's AUC thresholds: -epsilon, the (num_thresholds - 2) evenly spaced inner values (or the sorted given ones), 1 + epsilon.</summary>
    public static double[] ForCurve(int numThresholds, float[]? inner)
    {
        const double epsilon = 1e-7;
        var middle = inner is not null
            ? inner.Select(t => (double)t).Order().ToArray()
            : Enumerable.Range(0, numThresholds - 2).Select(i => (i + 1) * 1.0 / (numThresholds - 1)).ToArray();
        return [0.0 - epsilon, .. middle, 1.0 + epsilon];
    }
}
