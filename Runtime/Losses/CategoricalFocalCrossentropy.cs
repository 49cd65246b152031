using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>
/// Alpha-balanced categorical focal crossentropy along <see cref="Axis"/> (Keras's <c>CategoricalFocalCrossentropy</c>,
/// "categorical_focal_crossentropy"; Lin et al., 2018): sum(alpha (1 - p)^gamma (-y_true log p)) with p the renormalized,
/// clipped probabilities (a softmax of logits with <see cref="FromLogits"/>), for one-hot labels and imbalanced classes.
/// </summary>
public sealed class CategoricalFocalCrossentropy : Loss
{
    private readonly float[] _alpha;
    private readonly bool _alphaIsList;

    /// <summary>One balancing factor for every class.</summary>
    public CategoricalFocalCrossentropy(float alpha = 0.25f, float gamma = 2f, bool fromLogits = false, float labelSmoothing = 0f,
        int axis = -1, string reduction = "sum_over_batch_size", string name = "categorical_focal_crossentropy")
        : this([alpha], false, gamma, fromLogits, labelSmoothing, axis, reduction, name)
    {
    }

    /// <summary>A balancing factor per class (e.g. inverse class frequencies), along the last axis.</summary>
    public CategoricalFocalCrossentropy(float[] alpha, float gamma = 2f, bool fromLogits = false, float labelSmoothing = 0f,
        int axis = -1, string reduction = "sum_over_batch_size", string name = "categorical_focal_crossentropy")
        : this(alpha, true, gamma, fromLogits, labelSmoothing, axis, reduction, name)
    {
    }

    private CategoricalFocalCrossentropy(float[] alpha, bool alphaIsList, float gamma, bool fromLogits, float labelSmoothing, int axis,
        string reduction, string name)
        : base(name, reduction)
    {
        ArgumentNullException.ThrowIfNull(alpha);
        if (alpha.Length == 0)
            throw new ArgumentException("CategoricalFocalCrossentropy: alpha needs at least one value (one per class, or a single number).", nameof(alpha));
        foreach (var a in alpha)
        {
            if (!float.IsFinite(a))
                throw new ArgumentOutOfRangeException(nameof(alpha), a, $"CategoricalFocalCrossentropy: alpha must be finite; got {a}.");
        }
        _alpha = (float[])alpha.Clone();
        _alphaIsList = alphaIsList;
        Gamma = NonNegative(gamma, nameof(gamma), "CategoricalFocalCrossentropy");
        FromLogits = fromLogits;
        LabelSmoothing = InRange(labelSmoothing, 0f, 1f, nameof(labelSmoothing), "CategoricalFocalCrossentropy");
        Axis = axis;
    }

    /// <summary>The balancing factor: one value, or one per class.</summary>
    public IReadOnlyList<float> Alpha => _alpha;

    /// <summary>The focusing exponent: 0 gives the alpha-weighted categorical crossentropy.</summary>
    public float Gamma { get; }

    /// <summary>Whether y_pred holds logits rather than probabilities.</summary>
    public bool FromLogits { get; }

    /// <summary>Relaxes the one-hot labels: y (1 - s) + s / classes.</summary>
    public float LabelSmoothing { get; }

    /// <summary>The class axis.</summary>
    public int Axis { get; }

    public override string ClassName => "CategoricalFocalCrossentropy";

    internal override LabelEncoding LabelEncoding => LabelEncoding.Categorical;

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = SameShape(yTrue, yPred);
        var axis = CheckAxis(Axis, p);
        t = SmoothCategoricalLabels(t, LabelSmoothing);
        if (FromLogits) p = Ops.Softmax(p, axis);
        var output = Ops.Clip(p / Ops.Sum(p, axis, keepDims: true), Epsilon, 1f - Epsilon);
        var cce = -t * Ops.Log(output);
        var weighting = Ops.Power(1f - output, Gamma) * AlphaTensor(p);
        return Ops.Sum(weighting * cce, axis);
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["from_logits"] = FromLogits;
        config["label_smoothing"] = LabelSmoothing;
        config["axis"] = Axis;
        config["alpha"] = _alphaIsList ? new JsonArray(_alpha.Select(a => (JsonNode)a).ToArray()) : _alpha[0];
        config["gamma"] = Gamma;
        return config;
    }

    internal static CategoricalFocalCrossentropy FromConfig(JsonObject config)
    {
        const string owner = "CategoricalFocalCrossentropy";
        var gamma = config.GetFloat("gamma", 2f, owner);
        var fromLogits = LayerConfig.Bool(config, "from_logits", false);
        var labelSmoothing = config.GetFloat("label_smoothing", 0f, owner);
        var axis = config.GetInt("axis", -1, owner);
        var reduction = ConfigReduction(config, owner);
        var name = ConfigName(config, "categorical_focal_crossentropy", owner);
        if (config["alpha"] is JsonArray list)
        {
            // Read through the text form, which every backing type shares (a parsed element, or a float written by GetConfig).
            var alpha = list.Select(a => a is not null && a.GetValueKind() == JsonValueKind.Number
                ? float.Parse(a.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
                : throw new FormatException($"{owner} config: 'alpha' must be a number or a list of numbers; got {list.ToJsonString()}.")).ToArray();
            return new CategoricalFocalCrossentropy(alpha, gamma, fromLogits, labelSmoothing, axis, reduction, name);
        }
        return new CategoricalFocalCrossentropy(config.GetFloat("alpha", 0.25f, owner), gamma, fromLogits, labelSmoothing, axis, reduction, name);
    }

    // Keras multiplies by alpha as given: a list broadcasts along the last axis, so it must have one value per class there.
    private Tensor AlphaTensor(Tensor yPred)
    {
        if (!_alphaIsList) return Tensor.Scalar(_alpha[0]);
        if (_alpha.Length != 1 && _alpha.Length != yPred.Shape[-1])
            throw new ArgumentException($"CategoricalFocalCrossentropy: alpha has {_alpha.Length} values, but y_pred of shape {yPred.Shape} has {yPred.Shape[-1]} classes on its last axis; give one value per class.");
        return Tensor.FromArray(_alpha, _alpha.Length);
    }
}
