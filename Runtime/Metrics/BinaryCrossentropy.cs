using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// The running mean of the binary crossentropy between labels and predictions (Keras's
/// <c>BinaryCrossentropy(name="binary_crossentropy", from_logits=False, label_smoothing=0)</c>, "bce"): per sample, the mean
/// over the last axis of -(y log p + (1 - y) log(1 - p)), with p clipped to [1e-7, 1 - 1e-7].
/// </summary>
public sealed class BinaryCrossentropy : MeanMetricWrapper
{
    public BinaryCrossentropy(string name = "binary_crossentropy", DType dtype = DType.Float32, bool fromLogits = false, float labelSmoothing = 0f)
        : base(Function(fromLogits, labelSmoothing, name), name, dtype)
    {
        FromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
        Direction = "down";
    }

    /// <summary>Whether predictions are logits rather than probabilities.</summary>
    public bool FromLogits { get; }

    /// <summary>Labels are squeezed towards 0.5: y (1 - s) + 0.5 s.</summary>
    public float LabelSmoothing { get; }

    public override string ClassName => "BinaryCrossentropy";

    public override JsonObject GetConfig()
    {
        var config = NameAndDTypeConfig();
        config["from_logits"] = FromLogits;
        config["label_smoothing"] = LabelSmoothing;
        return config;
    }

    internal static BinaryCrossentropy FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "binary_crossentropy", "BinaryCrossentropy");
        return new BinaryCrossentropy(name!, dtype, CrossentropyConfig.FromLogits(config, "BinaryCrossentropy"),
            config.GetFloat("label_smoothing", 0f, "BinaryCrossentropy"));
    }

    private static Func<Tensor, Tensor, Tensor> Function(bool fromLogits, float labelSmoothing, string name)
    {
        CrossentropyConfig.CheckLabelSmoothing(labelSmoothing, $"BinaryCrossentropy '{name}'");
        return (yTrue, yPred) => CrossentropyFunctions.Binary(yTrue, yPred, fromLogits, labelSmoothing);
    }
}
