using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// The running mean of the categorical crossentropy between one-hot labels and predictions (Keras's
/// <c>CategoricalCrossentropy(name="categorical_crossentropy", from_logits=False, label_smoothing=0, axis=-1)</c>): per sample,
/// -sum(y log p) along <see cref="Axis"/>, with p renormalized to sum to 1 and clipped to [1e-7, 1 - 1e-7].
/// </summary>
public sealed class CategoricalCrossentropy : MeanMetricWrapper
{
    public CategoricalCrossentropy(string name = "categorical_crossentropy", DType dtype = DType.Float32, bool fromLogits = false,
        float labelSmoothing = 0f, int axis = -1)
        : base(Function(fromLogits, labelSmoothing, axis, name), name, dtype)
    {
        FromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
        Axis = axis;
        Direction = "down";
    }

    /// <summary>Whether predictions are logits rather than probabilities.</summary>
    public bool FromLogits { get; }

    /// <summary>Labels are smoothed towards uniform: y (1 - s) + s / classes.</summary>
    public float LabelSmoothing { get; }

    /// <summary>The class axis.</summary>
    public int Axis { get; }

    public override string ClassName => "CategoricalCrossentropy";

    public override JsonObject GetConfig()
    {
        var config = NameAndDTypeConfig();
        config["from_logits"] = FromLogits;
        config["label_smoothing"] = LabelSmoothing;
        config["axis"] = Axis;
        return config;
    }

    internal static CategoricalCrossentropy FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "categorical_crossentropy", "CategoricalCrossentropy");
        return new CategoricalCrossentropy(name!, dtype, CrossentropyConfig.FromLogits(config, "CategoricalCrossentropy"),
            config.GetFloat("label_smoothing", 0f, "CategoricalCrossentropy"), config.GetInt("axis", -1, "CategoricalCrossentropy"));
    }

    private static Func<Tensor, Tensor, Tensor> Function(bool fromLogits, float labelSmoothing, int axis, string name)
    {
        CrossentropyConfig.CheckLabelSmoothing(labelSmoothing, $"CategoricalCrossentropy '{name}'");
        return (yTrue, yPred) => CrossentropyFunctions.Categorical(yTrue, yPred, fromLogits, labelSmoothing, axis);
    }
}
