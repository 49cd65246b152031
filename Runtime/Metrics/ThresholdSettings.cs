using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// The thresholds, top_k and class_id arguments that <see cref="Precision"/> and <see cref="Recall"/> share, with Keras's
/// defaults: threshold 0.5, or -1e10 (every kept prediction is positive) when top_k is set.
/// </summary>
internal sealed class ThresholdSettings
{
    public ThresholdSettings(float[]? thresholds, bool single, int? topK, int? classId, string owner)
    {
        if (topK is < 1) throw new ArgumentOutOfRangeException(nameof(topK), topK, $"{owner}: topK must be at least 1; got {topK}.");
        if (classId is < 0) throw new ArgumentOutOfRangeException(nameof(classId), classId, $"{owner}: classId must be >= 0; got {classId}.");
        Init = thresholds is null ? null : (float[])thresholds.Clone();
        Single = single;
        TopK = topK;
        ClassId = classId;
        Values = ThresholdValues.Parse(thresholds, topK is null ? 0.5f : ThresholdValues.NegativeInfinity, owner);
        EvenlyDistributed = ThresholdValues.AreEvenlyDistributed(Values.Select(t => (double)t).ToArray());
    }

    /// <summary>The thresholds as given (null for the default).</summary>
    public float[]? Init { get; }

    /// <summary>Whether one number (not a list) was given.</summary>
    public bool Single { get; }

    public int? TopK { get; }

    public int? ClassId { get; }

    /// <summary>The thresholds in use.</summary>
    public float[] Values { get; }

    public bool EvenlyDistributed { get; }

    /// <summary>Adds "thresholds", "top_k" and "class_id" to a config.</summary>
    public void WriteTo(JsonObject config)
    {
        config["thresholds"] = ThresholdArguments.ToJson(Init, Single);
        config["top_k"] = TopK;
        config["class_id"] = ClassId;
    }

    /// <summary>Reads "thresholds", "top_k" and "class_id" from a config.</summary>
    public static (float[]? Thresholds, bool Single, int? TopK, int? ClassId) Read(JsonObject config, string owner)
    {
        var (thresholds, single) = ThresholdArguments.Read(config, owner);
        return (thresholds, single, config.GetNullableInt("top_k", owner), config.GetNullableInt("class_id", owner));
    }

    /// <summary>Accumulates a batch into <paramref name="variables"/> with these settings.</summary>
    public void Update(ConfusionVariables variables, Tensor yTrue, Tensor yPred, Tensor? sampleWeight) =>
        ConfusionMatrix.Update(variables, yTrue, yPred, Values, EvenlyDistributed, thresholdsWithEpsilon: false, sampleWeight, TopK, ClassId);

    /// <summary>tp / (tp + other) per threshold (0 where both are 0): a scalar for one threshold, a vector otherwise.</summary>
    public Tensor Ratio(Variable truePositives, Variable other)
    {
        var tp = truePositives.Value.AsSpan();
        var o = other.Value.AsSpan();
        var result = new float[tp.Length];
        for (var i = 0; i < result.Length; i++) result[i] = DivideNoNan(tp[i], tp[i] + o[i]);
        return result.Length == 1 ? Tensor.Scalar(result[0]) : Tensor.FromArray(result);
    }

    /// <summary>Keras's <c>divide_no_nan</c>: x / y, or 0 when y is 0.</summary>
    public static float DivideNoNan(float x, float y) => y == 0 ? 0f : x / y;
}
