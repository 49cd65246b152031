using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Normalization;

/// <summary>
/// Splits the channels (<see cref="Axis"/>) into <see cref="Groups"/> groups and normalizes each sample's group with its mean
/// and variance over the group's channels and all the other non-batch axes (Keras's <c>GroupNormalization</c>, Wu &amp; He
/// 2018); gamma and beta have one value per channel. One group is layer normalization over all non-batch axes; one group per
/// channel (<c>groups: -1</c>) is instance normalization.
/// </summary>
public sealed class GroupNormalization : Layer
{
    private Variable? _gamma;
    private Variable? _beta;

    public GroupNormalization(
        int groups = 32, int axis = -1, float epsilon = 1e-3f, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null,
        string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        if (groups <= 0 && groups != -1)
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"GroupNormalization: 'groups' must be a positive integer (or -1 for one group per channel), got {groups}.");
        if (!(epsilon >= 0) || !float.IsFinite(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"GroupNormalization: 'epsilon' must be a non-negative number, got {epsilon}.");
        Groups = groups;
        Axis = axis;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        BetaInitializer = betaInitializer ?? new Zeros();
        GammaInitializer = gammaInitializer ?? new Ones();
        BetaRegularizer = betaRegularizer;
        GammaRegularizer = gammaRegularizer;
        BetaConstraint = betaConstraint;
        GammaConstraint = gammaConstraint;
    }

    /// <summary>The number of groups; -1 (one per channel) becomes the channel count when the layer is built, as in Keras.</summary>
    public int Groups { get; private set; }

    /// <summary>The channel axis (negative counts from the end).</summary>
    public int Axis { get; }

    public float Epsilon { get; }

    public bool Center { get; }

    public bool Scale { get; }

    public Initializer BetaInitializer { get; }

    public Initializer GammaInitializer { get; }

    public Regularizer? BetaRegularizer { get; }

    public Regularizer? GammaRegularizer { get; }

    public Constraint? BetaConstraint { get; }

    public Constraint? GammaConstraint { get; }

    /// <summary>The per-channel scale (null until built or when scale is off).</summary>
    public Variable? Gamma => _gamma;

    /// <summary>The per-channel offset (null until built or when center is off).</summary>
    public Variable? Beta => _beta;

    public override bool SupportsMasking => true;

    public override void Build(Shape inputShape)
    {
        var a = ChannelAxis(inputShape);
        var dim = inputShape[a];
        if (dim < 0)
            throw new ArgumentException(
                $"Layer '{Name}' (GroupNormalization): axis {Axis} of the input should have a defined dimension but the layer received an input with shape {inputShape}.");
        if (Groups == -1) Groups = dim;
        if (dim < Groups)
            throw new ArgumentException($"Layer '{Name}' (GroupNormalization): the number of groups ({Groups}) cannot be more than the number of channels ({dim}).");
        if (dim % Groups != 0)
            throw new ArgumentException($"Layer '{Name}' (GroupNormalization): the number of channels ({dim}) must be a multiple of the number of groups ({Groups}).");
        InputSpec = new InputSpec(NDim: inputShape.Rank, Axes: new Dictionary<int, int> { [Axis] = dim });
        if (Scale) _gamma = AddWeight("gamma", new Shape(dim), GammaInitializer, GammaRegularizer, GammaConstraint);
        if (Center) _beta = AddWeight("beta", new Shape(dim), BetaInitializer, BetaRegularizer, BetaConstraint);
    }

    /// <summary>
    /// Reshapes the channel axis C into (groups, C / groups), takes the moments over every axis but the batch and group axes,
    /// normalizes with the per-channel gamma and beta, and reshapes back.
    /// </summary>
    protected internal override Tensor Call(Tensor inputs)
    {
        var shape = inputs.Shape.ToArray();
        var a = ChannelAxis(inputs.Shape);
        int[] grouped = [.. shape[..a], Groups, shape[a] / Groups, .. shape[(a + 1)..]];
        var x = Ops.Reshape(inputs, grouped);
        var axes = Enumerable.Range(1, grouped.Length - 1).Where(i => i != a).ToArray();
        var broadcast = new int[grouped.Length];
        Array.Fill(broadcast, 1);
        broadcast[a] = Groups;
        broadcast[a + 1] = shape[a] / Groups;
        var gamma = _gamma is null ? null : Ops.Reshape(_gamma.Value, broadcast);
        var beta = _beta is null ? null : Ops.Reshape(_beta.Value, broadcast);
        var y = Standardization.Apply(x, Ops.Mean(x, axes, keepDims: true), Ops.Var(x, axes, keepDims: true), gamma, beta, Epsilon);
        return Ops.Reshape(y, shape);
    }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        ChannelAxis(inputShape);
        return inputShape;
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["groups"] = Groups;
        config["axis"] = Axis;
        config["epsilon"] = Epsilon;
        config["center"] = Center;
        config["scale"] = Scale;
        config["beta_initializer"] = LayerConfig.Serialize(BetaInitializer);
        config["gamma_initializer"] = LayerConfig.Serialize(GammaInitializer);
        config["beta_regularizer"] = LayerConfig.Serialize(BetaRegularizer);
        config["gamma_regularizer"] = LayerConfig.Serialize(GammaRegularizer);
        config["beta_constraint"] = LayerConfig.Serialize(BetaConstraint);
        config["gamma_constraint"] = LayerConfig.Serialize(GammaConstraint);
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "GroupNormalization", c => new GroupNormalization(
        groups: c.GetInt("groups", 32, "GroupNormalization"),
        axis: c.GetInt("axis", -1, "GroupNormalization"),
        epsilon: LayerConfig.Float(c, "epsilon", 1e-3f),
        center: LayerConfig.Bool(c, "center", true),
        scale: LayerConfig.Bool(c, "scale", true),
        betaInitializer: LayerConfig.Initializer(c, "beta_initializer"),
        gammaInitializer: LayerConfig.Initializer(c, "gamma_initializer"),
        betaRegularizer: LayerConfig.Regularizer(c, "beta_regularizer"),
        gammaRegularizer: LayerConfig.Regularizer(c, "gamma_regularizer"),
        betaConstraint: LayerConfig.Constraint(c, "beta_constraint"),
        gammaConstraint: LayerConfig.Constraint(c, "gamma_constraint"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));

    /// <summary>The channel axis as a non-negative index; out of range or the batch axis is an error naming the layer.</summary>
    private int ChannelAxis(Shape inputShape)
    {
        if (Axis >= inputShape.Rank || Axis < -inputShape.Rank)
            throw new ArgumentException(
                $"Layer '{Name}' (GroupNormalization): axis {Axis} is out of bounds for input shape {inputShape}. Ensure axis is within the range of input dimensions.");
        var a = inputShape.NormalizeAxis(Axis);
        if (a == 0)
            throw new ArgumentException($"Layer '{Name}' (GroupNormalization): axis {Axis} is the batch axis of input shape {inputShape}; choose the channel axis.");
        return a;
    }
}
