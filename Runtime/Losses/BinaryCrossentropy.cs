using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>
/// Binary crossentropy averaged over <see cref="Axis"/> (Keras's <c>BinaryCrossentropy</c>, "binary_crossentropy"): for 0/1
/// labels and one probability (or, with <see cref="FromLogits"/>, one logit) per output. Probabilities are clipped to
/// [1e-7, 1 - 1e-7]; logits use the stable form, which is why <c>fromLogits: true</c> with a linear last layer is recommended.
/// </summary>
public sealed class BinaryCrossentropy : Loss
{
    public BinaryCrossentropy(bool fromLogits = false, float labelSmoothing = 0f, int axis = -1,
        string reduction = "sum_over_batch_size", string name = "binary_crossentropy")
        : base(name, reduction)
    {
        FromLogits = fromLogits;
        LabelSmoothing = InRange(labelSmoothing, 0f, 1f, nameof(labelSmoothing), "BinaryCrossentropy");
        Axis = axis;
    }

    /// <summary>Whether y_pred holds logits rather than probabilities.</summary>
    public bool FromLogits { get; }

    /// <summary>Squeezes the labels toward 0.5: y (1 - s) + 0.5 s.</summary>
    public float LabelSmoothing { get; }

    /// <summary>The axis averaged over (the features axis).</summary>
    public int Axis { get; }

    public override string ClassName => "BinaryCrossentropy";

    internal override LabelEncoding LabelEncoding => LabelEncoding.Binary;

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = SameShape(yTrue, yPred);
        t = SmoothBinaryLabels(t, LabelSmoothing);
        return Ops.Mean(Crossentropy.Binary(t, p, FromLogits), CheckAxis(Axis, p));
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["from_logits"] = FromLogits;
        config["label_smoothing"] = LabelSmoothing;
        config["axis"] = Axis;
        return config;
    }

    internal static BinaryCrossentropy FromConfig(JsonObject config) => new(
        LayerConfig.Bool(config, "from_logits", false),
        config.GetFloat("label_smoothing", 0f, "BinaryCrossentropy"),
        config.GetInt("axis", -1, "BinaryCrossentropy"),
        ConfigReduction(config, "BinaryCrossentropy"),
        ConfigName(config, "binary_crossentropy", "BinaryCrossentropy"));
}
