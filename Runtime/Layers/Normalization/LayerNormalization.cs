using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Normalization;

/// <summary>
/// Normalizes each sample across <see cref="Axis"/> (Keras's <c>LayerNormalization</c>, Ba et al. 2016):
/// <c>gamma * (x - mean) / sqrt(var + epsilon) + beta</c> with the mean and (biased) variance of the sample over those axes;
/// gamma and beta span the normalized axes. With <see cref="RmsScaling"/>, center and scale are ignored and the output is
/// <c>gamma * x / sqrt(var + epsilon)</c> (Keras 3's formula, which uses the variance rather than the mean square).
/// </summary>
public sealed class LayerNormalization : Layer
{
    private readonly int[] _axis;
    private bool _axisIsList;
    private int[]? _broadcastShape;
    private Variable? _gamma;
    private Variable? _beta;

    /// <summary>Normalizes across one axis (default the last).</summary>
    public LayerNormalization(
        int axis = -1, float epsilon = 1e-3f, bool center = true, bool scale = true, bool rmsScaling = false,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null,
        string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : this([axis], false, epsilon, center, scale, rmsScaling, betaInitializer, gammaInitializer, betaRegularizer, gammaRegularizer,
            betaConstraint, gammaConstraint, name, trainable, dtype)
    {
    }

    /// <summary>Normalizes across several axes together (gamma and beta then have one value per element of those axes).</summary>
    public LayerNormalization(
        int[] axis, float epsilon = 1e-3f, bool center = true, bool scale = true, bool rmsScaling = false,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null,
        string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : this(axis, true, epsilon, center, scale, rmsScaling, betaInitializer, gammaInitializer, betaRegularizer, gammaRegularizer,
            betaConstraint, gammaConstraint, name, trainable, dtype)
    {
    }

    private LayerNormalization(
        int[] axis, bool axisIsList, float epsilon, bool center, bool scale, bool rmsScaling,
        Initializer? betaInitializer, Initializer? gammaInitializer, Regularizer? betaRegularizer, Regularizer? gammaRegularizer,
        Constraint? betaConstraint, Constraint? gammaConstraint, string? name, bool trainable, DType dtype)
        : base(name, trainable, dtype)
    {
        ArgumentNullException.ThrowIfNull(axis);
        if (axis.Length == 0)
            throw new ArgumentException("LayerNormalization: 'axis' must name at least one axis.", nameof(axis));
        if (!(epsilon >= 0) || !float.IsFinite(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"LayerNormalization: 'epsilon' must be a non-negative number, got {epsilon}.");
        _axis = [.. axis];
        _axisIsList = axisIsList;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        RmsScaling = rmsScaling;
        BetaInitializer = betaInitializer ?? new Zeros();
        GammaInitializer = gammaInitializer ?? new Ones();
        BetaRegularizer = betaRegularizer;
        GammaRegularizer = gammaRegularizer;
        BetaConstraint = betaConstraint;
        GammaConstraint = gammaConstraint;
    }

    /// <summary>The axes normalized across (negative counts from the end).</summary>
    public IReadOnlyList<int> Axis => _axis;

    public float Epsilon { get; }

    public bool Center { get; }

    public bool Scale { get; }

    public bool RmsScaling { get; }

    public Initializer BetaInitializer { get; }

    public Initializer GammaInitializer { get; }

    public Regularizer? BetaRegularizer { get; }

    public Regularizer? GammaRegularizer { get; }

    public Constraint? BetaConstraint { get; }

    public Constraint? GammaConstraint { get; }

    /// <summary>The scale (null until built, or when neither scale nor rms scaling is on).</summary>
    public Variable? Gamma => _gamma;

    /// <summary>The offset (null until built, or when center is off or rms scaling is on).</summary>
    public Variable? Beta => _beta;

    public override bool SupportsMasking => true;

    public override void Build(Shape inputShape)
    {
        CheckAxes(inputShape);
        var dims = _axis.Select(a => inputShape[a]).ToArray();
        if (dims.Any(d => d < 0))
            throw new ArgumentException(
                $"Layer '{Name}' (LayerNormalization): the normalized axes [{string.Join(", ", _axis)}] of the input must have known sizes; got input shape {inputShape}.");
        var shape = new Shape(dims);
        if (Scale || RmsScaling) _gamma = AddWeight("gamma", shape, GammaInitializer, GammaRegularizer, GammaConstraint);
        if (Center && !RmsScaling) _beta = AddWeight("beta", shape, BetaInitializer, BetaRegularizer, BetaConstraint);
        var broadcast = Enumerable.Repeat(1, inputShape.Rank).ToArray();
        foreach (var a in _axis) broadcast[inputShape.NormalizeAxis(a)] = inputShape[a];
        _broadcastShape = broadcast;
        // Keras turns an int axis into a list when building, so a built layer's config holds a list.
        _axisIsList = true;
        InputSpec = new InputSpec(Axes: _axis.Distinct().ToDictionary(a => a, a => inputShape[a]));
    }

    protected internal override Tensor Call(Tensor inputs)
    {
        var axes = _axis.Select(a => inputs.Shape.NormalizeAxis(a)).Distinct().ToArray();
        var gamma = Broadcastable(_gamma, inputs.Rank);
        var variance = Ops.Var(inputs, axes, keepDims: true);
        if (RmsScaling)
        {
            var scaled = Ops.Multiply(inputs, Standardization.InverseStd(variance, Epsilon));
            return gamma is null ? scaled : Ops.Multiply(scaled, gamma);
        }
        return Standardization.Apply(inputs, Ops.Mean(inputs, axes, keepDims: true), variance, gamma, Broadcastable(_beta, inputs.Rank), Epsilon);
    }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        CheckAxes(inputShape);
        return inputShape;
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = _axisIsList ? LayerConfig.IntsToJson(_axis) : _axis[0];
        config["epsilon"] = Epsilon;
        config["center"] = Center;
        config["scale"] = Scale;
        config["rms_scaling"] = RmsScaling;
        config["beta_initializer"] = LayerConfig.Serialize(BetaInitializer);
        config["gamma_initializer"] = LayerConfig.Serialize(GammaInitializer);
        config["beta_regularizer"] = LayerConfig.Serialize(BetaRegularizer);
        config["gamma_regularizer"] = LayerConfig.Serialize(GammaRegularizer);
        config["beta_constraint"] = LayerConfig.Serialize(BetaConstraint);
        config["gamma_constraint"] = LayerConfig.Serialize(GammaConstraint);
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "LayerNormalization", c => new LayerNormalization(
        axis: c.GetAxes("axis", [-1], "LayerNormalization"),
        axisIsList: c["axis"] is JsonArray,
        epsilon: LayerConfig.Float(c, "epsilon", 1e-3f),
        center: LayerConfig.Bool(c, "center", true),
        scale: LayerConfig.Bool(c, "scale", true),
        rmsScaling: LayerConfig.Bool(c, "rms_scaling", false),
        betaInitializer: LayerConfig.Initializer(c, "beta_initializer"),
        gammaInitializer: LayerConfig.Initializer(c, "gamma_initializer"),
        betaRegularizer: LayerConfig.Regularizer(c, "beta_regularizer"),
        gammaRegularizer: LayerConfig.Regularizer(c, "gamma_regularizer"),
        betaConstraint: LayerConfig.Constraint(c, "beta_constraint"),
        gammaConstraint: LayerConfig.Constraint(c, "gamma_constraint"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));

    /// <summary>A weight reshaped so it broadcasts against the input (a no-op for the last axis alone, as Keras).</summary>
    private Tensor? Broadcastable(Variable? weight, int rank) =>
        weight is null ? null
        : _axis is [var a] && (a == -1 || a == rank - 1) ? weight.Value
        : Ops.Reshape(weight.Value, _broadcastShape!);

    private void CheckAxes(Shape inputShape)
    {
        foreach (var axis in _axis)
        {
            if (axis >= inputShape.Rank || axis < -inputShape.Rank)
                throw new ArgumentException(
                    $"Layer '{Name}' (LayerNormalization): axis {axis} is out of bounds for input shape {inputShape}. Ensure axis is within the range of input dimensions.");
        }
    }
}
