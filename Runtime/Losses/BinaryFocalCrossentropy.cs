using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>
/// Binary focal crossentropy averaged over <see cref="Axis"/> (Keras's <c>BinaryFocalCrossentropy</c>,
/// "binary_focal_crossentropy"; Lin et al., 2018): the binary crossentropy scaled by (1 - p_t)^gamma, with p_t the probability
/// given to the true class, so that easy examples count less; with <see cref="ApplyClassBalancing"/>, also by alpha for class 1
/// and 1 - alpha for class 0. Logits are turned into probabilities with a sigmoid first.
/// </summary>
public sealed class BinaryFocalCrossentropy : Loss
{
    public BinaryFocalCrossentropy(bool applyClassBalancing = false, float alpha = 0.25f, float gamma = 2f, bool fromLogits = false,
        float labelSmoothing = 0f, int axis = -1, string reduction = "sum_over_batch_size", string name = "binary_focal_crossentropy")
        : base(name, reduction)
    {
        ApplyClassBalancing = applyClassBalancing;
        Alpha = InRange(alpha, 0f, 1f, nameof(alpha), "BinaryFocalCrossentropy");
        Gamma = NonNegative(gamma, nameof(gamma), "BinaryFocalCrossentropy");
        FromLogits = fromLogits;
        LabelSmoothing = InRange(labelSmoothing, 0f, 1f, nameof(labelSmoothing), "BinaryFocalCrossentropy");
        Axis = axis;
    }

    /// <summary>Whether class 1 is weighted by alpha and class 0 by 1 - alpha.</summary>
    public bool ApplyClassBalancing { get; }

    /// <summary>The weight of class 1 when balancing.</summary>
    public float Alpha { get; }

    /// <summary>The focusing exponent: 0 gives the plain binary crossentropy.</summary>
    public float Gamma { get; }

    /// <summary>Whether y_pred holds logits rather than probabilities.</summary>
    public bool FromLogits { get; }

    /// <summary>Squeezes the labels toward 0.5: y (1 - s) + 0.5 s.</summary>
    public float LabelSmoothing { get; }

    /// <summary>The axis averaged over (the features axis).</summary>
    public int Axis { get; }

    public override string ClassName => "BinaryFocalCrossentropy";

    internal override LabelEncoding LabelEncoding => LabelEncoding.Binary;

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = SameShape(yTrue, yPred);
        var axis = CheckAxis(Axis, p);
        t = SmoothBinaryLabels(t, LabelSmoothing);
        if (FromLogits) p = Ops.Sigmoid(p);
        var bce = Crossentropy.Binary(t, p, fromLogits: false);
        var pT = t * p + (1f - t) * (1f - p);
        var focalBce = Ops.Power(1f - pT, Gamma) * bce;
        if (ApplyClassBalancing) focalBce = (t * Alpha + (1f - t) * (1f - Alpha)) * focalBce;
        return Ops.Mean(focalBce, axis);
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["from_logits"] = FromLogits;
        config["label_smoothing"] = LabelSmoothing;
        config["axis"] = Axis;
        config["apply_class_balancing"] = ApplyClassBalancing;
        config["alpha"] = Alpha;
        config["gamma"] = Gamma;
        return config;
    }

    internal static BinaryFocalCrossentropy FromConfig(JsonObject config) => new(
        LayerConfig.Bool(config, "apply_class_balancing", false),
        config.GetFloat("alpha", 0.25f, "BinaryFocalCrossentropy"),
        config.GetFloat("gamma", 2f, "BinaryFocalCrossentropy"),
        LayerConfig.Bool(config, "from_logits", false),
        config.GetFloat("label_smoothing", 0f, "BinaryFocalCrossentropy"),
        config.GetInt("axis", -1, "BinaryFocalCrossentropy"),
        ConfigReduction(config, "BinaryFocalCrossentropy"),
        ConfigName(config, "binary_focal_crossentropy", "BinaryFocalCrossentropy"));
}
