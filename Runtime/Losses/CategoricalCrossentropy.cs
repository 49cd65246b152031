using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>
/// Categorical crossentropy along <see cref="Axis"/> (Keras's <c>CategoricalCrossentropy</c>, "categorical_crossentropy"), for
/// one-hot labels: -sum(y_true log(y_pred)). Probabilities are renormalized to sum to 1 and clipped to [1e-7, 1 - 1e-7];
/// logits go through a stable log-softmax. For integer labels use <see cref="SparseCategoricalCrossentropy"/>.
/// </summary>
public sealed class CategoricalCrossentropy : Loss
{
    public CategoricalCrossentropy(bool fromLogits = false, float labelSmoothing = 0f, int axis = -1,
        string reduction = "sum_over_batch_size", string name = "categorical_crossentropy")
        : base(name, reduction)
    {
        FromLogits = fromLogits;
        LabelSmoothing = InRange(labelSmoothing, 0f, 1f, nameof(labelSmoothing), "CategoricalCrossentropy");
        Axis = axis;
    }

    /// <summary>Whether y_pred holds logits rather than probabilities.</summary>
    public bool FromLogits { get; }

    /// <summary>Relaxes the one-hot labels: y (1 - s) + s / classes.</summary>
    public float LabelSmoothing { get; }

    /// <summary>The class axis.</summary>
    public int Axis { get; }

    public override string ClassName => "CategoricalCrossentropy";

    internal override LabelEncoding LabelEncoding => LabelEncoding.Categorical;

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = SameShape(yTrue, yPred);
        var axis = CheckAxis(Axis, p);
        return Crossentropy.Categorical(SmoothCategoricalLabels(t, LabelSmoothing), p, FromLogits, axis);
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["from_logits"] = FromLogits;
        config["label_smoothing"] = LabelSmoothing;
        config["axis"] = Axis;
        return config;
    }

    internal static CategoricalCrossentropy FromConfig(JsonObject config) => new(
        LayerConfig.Bool(config, "from_logits", false),
        config.GetFloat("label_smoothing", 0f, "CategoricalCrossentropy"),
        config.GetInt("axis", -1, "CategoricalCrossentropy"),
        ConfigReduction(config, "CategoricalCrossentropy"),
        ConfigName(config, "categorical_crossentropy", "CategoricalCrossentropy"));
}
