using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace NotebookKeras.Runtime.Layers.Normalization;

/// <summary>
/// Normalizes each channel (<see cref="Axis"/>) with batch statistics in training and moving statistics in inference (Keras's
/// <c>BatchNormalization</c>, Ioffe &amp; Szegedy 2015): <c>gamma * (x - mean) / sqrt(var + epsilon) + beta</c>. Called with
/// <c>training: true</c>, it uses the batch's mean and biased variance over every other axis and updates, in place and outside
/// any gradient tape, <c>moving = moving * momentum + batch * (1 - momentum)</c>; otherwise it uses the moving statistics. A
/// frozen layer (<see cref="Layer.Trainable"/> false) always runs in inference mode, as in Keras 3. Weights, in order: gamma,
/// beta (trainable), moving_mean, moving_variance (non-trainable), then with <see cref="Renorm"/> moving_stddev, renorm_mean and
/// renorm_stddev (non-trainable). A mask (one axis fewer than the input) excludes masked positions from the batch statistics.
/// </summary>
public sealed class BatchNormalization : Layer
{
    private static readonly string[] ClippingKeys = ["rmax", "rmin", "dmax"];

    private readonly int[] _axis;
    private readonly bool _axisIsList;
    private int[]? _axes;
    private int[]? _broadcastShape;
    private Variable? _gamma;
    private Variable? _beta;
    private Variable? _movingMean;
    private Variable? _movingVariance;
    private Variable? _movingStddev;
    private Variable? _renormMean;
    private Variable? _renormStddev;

    /// <summary>Normalizes each element of one axis (default the last, the channels of channels-last data; 1 for channels-first).</summary>
    public BatchNormalization(
        int axis = -1, float momentum = 0.99f, float epsilon = 1e-3f, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Initializer? movingMeanInitializer = null, Initializer? movingVarianceInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null,
        bool renorm = false, IReadOnlyDictionary<string, float>? renormClipping = null, float renormMomentum = 0.99f,
        bool synchronized = false, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : this([axis], false, momentum, epsilon, center, scale, betaInitializer, gammaInitializer, movingMeanInitializer, movingVarianceInitializer,
            betaRegularizer, gammaRegularizer, betaConstraint, gammaConstraint, renorm, renormClipping, renormMomentum, synchronized, name, trainable, dtype)
    {
    }

    /// <summary>Normalizes each element of several axes together (statistics over the remaining axes), as Keras 2 allowed.</summary>
    public BatchNormalization(
        int[] axis, float momentum = 0.99f, float epsilon = 1e-3f, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Initializer? movingMeanInitializer = null, Initializer? movingVarianceInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null,
        bool renorm = false, IReadOnlyDictionary<string, float>? renormClipping = null, float renormMomentum = 0.99f,
        bool synchronized = false, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : this(axis, true, momentum, epsilon, center, scale, betaInitializer, gammaInitializer, movingMeanInitializer, movingVarianceInitializer,
            betaRegularizer, gammaRegularizer, betaConstraint, gammaConstraint, renorm, renormClipping, renormMomentum, synchronized, name, trainable, dtype)
    {
    }

    private BatchNormalization(
        int[] axis, bool axisIsList, float momentum, float epsilon, bool center, bool scale,
        Initializer? betaInitializer, Initializer? gammaInitializer, Initializer? movingMeanInitializer, Initializer? movingVarianceInitializer,
        Regularizer? betaRegularizer, Regularizer? gammaRegularizer, Constraint? betaConstraint, Constraint? gammaConstraint,
        bool renorm, IReadOnlyDictionary<string, float>? renormClipping, float renormMomentum, bool synchronized,
        string? name, bool trainable, DType dtype)
        : base(name, trainable, dtype)
    {
        ArgumentNullException.ThrowIfNull(axis);
        if (axis.Length == 0)
            throw new ArgumentException("BatchNormalization: 'axis' must name at least one axis.", nameof(axis));
        if (!(epsilon >= 0) || !float.IsFinite(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"BatchNormalization: 'epsilon' must be a non-negative number, got {epsilon}.");
        if (!float.IsFinite(momentum))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"BatchNormalization: 'momentum' must be a finite number, got {momentum}.");
        _axis = [.. axis];
        _axisIsList = axisIsList;
        Momentum = momentum;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        BetaInitializer = betaInitializer ?? new Zeros();
        GammaInitializer = gammaInitializer ?? new Ones();
        MovingMeanInitializer = movingMeanInitializer ?? new Zeros();
        MovingVarianceInitializer = movingVarianceInitializer ?? new Ones();
        BetaRegularizer = betaRegularizer;
        GammaRegularizer = gammaRegularizer;
        BetaConstraint = betaConstraint;
        GammaConstraint = gammaConstraint;
        Renorm = renorm;
        RenormClipping = renorm ? CheckClipping(renormClipping ?? new Dictionary<string, float>()) : renormClipping;
        RenormMomentum = renormMomentum;
        Synchronized = synchronized;
    }

    /// <summary>The normalized (channel) axes, negative counting from the end.</summary>
    public IReadOnlyList<int> Axis => _axis;

    /// <summary>The weight of the old value in the moving averages.</summary>
    public float Momentum { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public float Epsilon { get; }

    public bool Center { get; }

    public bool Scale { get; }

    public Initializer BetaInitializer { get; }

    public Initializer GammaInitializer { get; }

    public Initializer MovingMeanInitializer { get; }

    public Initializer MovingVarianceInitializer { get; }

    public Regularizer? BetaRegularizer { get; }

    public Regularizer? GammaRegularizer { get; }

    public Constraint? BetaConstraint { get; }

    public Constraint? GammaConstraint { get; }

    /// <summary>Whether batch renormalization (Ioffe 2017) corrects the batch statistics towards the moving ones in training.</summary>
    public bool Renorm { get; }

    /// <summary>Bounds of the renorm correction: "rmin", "rmax" for r and "dmax" for |d| (each optional).</summary>
    public IReadOnlyDictionary<string, float>? RenormClipping { get; }

    /// <summary>The momentum of the renorm statistics.</summary>
    public float RenormMomentum { get; }

    /// <summary>Keras's cross-device synchronization flag: stored for configs; one device is always synchronized.</summary>
    public bool Synchronized { get; }

    /// <summary>The per-channel scale (null until built or when scale is off).</summary>
    public Variable? Gamma => _gamma;

    /// <summary>The per-channel offset (null until built or when center is off).</summary>
    public Variable? Beta => _beta;

    /// <summary>The moving mean used in inference (null until built).</summary>
    public Variable? MovingMean => _movingMean;

    /// <summary>The moving variance used in inference (null until built).</summary>
    public Variable? MovingVariance => _movingVariance;

    public override bool SupportsMasking => true;

    public override void Build(Shape inputShape)
    {
        var axes = new SortedSet<int>();
        foreach (var axis in _axis)
        {
            CheckAxis(axis, inputShape);
            if (!axes.Add(inputShape.NormalizeAxis(axis)))
                throw new ArgumentException($"Layer '{Name}' (BatchNormalization): axis {axis} is listed twice in axis=[{string.Join(", ", _axis)}].");
        }
        _axes = [.. axes];
        foreach (var a in _axes)
        {
            if (inputShape[a] < 0)
                throw new ArgumentException(
                    $"Layer '{Name}' (BatchNormalization): axis {a} of the input should have a defined dimension but the layer received an input with shape {inputShape}.");
        }
        var shape = new Shape(_axes.Select(a => inputShape[a]).ToArray());
        if (Scale) _gamma = AddWeight("gamma", shape, GammaInitializer, GammaRegularizer, GammaConstraint);
        if (Center) _beta = AddWeight("beta", shape, BetaInitializer, BetaRegularizer, BetaConstraint);
        _movingMean = AddWeight("moving_mean", shape, MovingMeanInitializer, trainable: false);
        _movingVariance = AddWeight("moving_variance", shape, MovingVarianceInitializer, trainable: false);
        if (Renorm)
        {
            // Renorm tracks the inference standard deviation; it starts at the square root of the variance initializer's values.
            _movingStddev = AddWeight("moving_stddev", shape, MovingVarianceInitializer, trainable: false);
            TensorPrimitives.Sqrt(_movingStddev.Value.Floats, _movingStddev.Value.Floats);
            _renormMean = AddWeight("renorm_mean", shape, MovingMeanInitializer, trainable: false);
            _renormStddev = AddWeight("renorm_stddev", shape, MovingVarianceInitializer, trainable: false);
            TensorPrimitives.Sqrt(_renormStddev.Value.Floats, _renormStddev.Value.Floats);
        }
        InputSpec = new InputSpec(NDim: inputShape.Rank, Axes: _axis.ToDictionary(a => a, a => inputShape[a]));
        var broadcast = Enumerable.Repeat(1, inputShape.Rank).ToArray();
        foreach (var a in _axes) broadcast[a] = inputShape[a];
        _broadcastShape = broadcast;
    }

    protected internal override Tensor Call(Tensor inputs, bool training, Tensor? mask)
    {
        if (mask is not null && mask.Rank != inputs.Rank - 1)
            throw new ArgumentException(
                $"Layer '{Name}' (BatchNormalization): the mask should have one dimension less than the inputs. Received: mask.shape={mask.Shape}, inputs.shape={inputs.Shape}");
        var gamma = Broadcastable(_gamma);
        var beta = Broadcastable(_beta);
        Tensor mean, variance;
        if (training && Trainable)
        {
            (mean, variance) = Moments(inputs, mask);
            if (Renorm) (gamma, beta) = RenormTransform(mean, variance, gamma, beta);
            UpdateMovingStatistics(mean, variance);
        }
        else
        {
            mean = Broadcastable(_movingMean)!;
            variance = Broadcastable(_movingVariance)!;
        }
        return Standardization.Apply(inputs, mean, variance, gamma, beta, Epsilon);
    }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        foreach (var axis in _axis) CheckAxis(axis, inputShape);
        return inputShape;
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = _axisIsList ? LayerConfig.IntsToJson(_axis) : _axis[0];
        config["momentum"] = Momentum;
        config["epsilon"] = Epsilon;
        config["center"] = Center;
        config["scale"] = Scale;
        config["beta_initializer"] = LayerConfig.Serialize(BetaInitializer);
        config["gamma_initializer"] = LayerConfig.Serialize(GammaInitializer);
        config["moving_mean_initializer"] = LayerConfig.Serialize(MovingMeanInitializer);
        config["moving_variance_initializer"] = LayerConfig.Serialize(MovingVarianceInitializer);
        config["beta_regularizer"] = LayerConfig.Serialize(BetaRegularizer);
        config["gamma_regularizer"] = LayerConfig.Serialize(GammaRegularizer);
        config["beta_constraint"] = LayerConfig.Serialize(BetaConstraint);
        config["gamma_constraint"] = LayerConfig.Serialize(GammaConstraint);
        config["synchronized"] = Synchronized;
        config["renorm"] = Renorm;
        config["renorm_clipping"] = RenormClipping is null
            ? null
            : new JsonObject(RenormClipping.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        config["renorm_momentum"] = RenormMomentum;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "BatchNormalization", c => new BatchNormalization(
        axis: c.GetAxes("axis", [-1], "BatchNormalization"),
        axisIsList: c["axis"] is JsonArray,
        momentum: LayerConfig.Float(c, "momentum", 0.99f),
        epsilon: LayerConfig.Float(c, "epsilon", 1e-3f),
        center: LayerConfig.Bool(c, "center", true),
        scale: LayerConfig.Bool(c, "scale", true),
        betaInitializer: LayerConfig.Initializer(c, "beta_initializer"),
        gammaInitializer: LayerConfig.Initializer(c, "gamma_initializer"),
        movingMeanInitializer: LayerConfig.Initializer(c, "moving_mean_initializer"),
        movingVarianceInitializer: LayerConfig.Initializer(c, "moving_variance_initializer"),
        betaRegularizer: LayerConfig.Regularizer(c, "beta_regularizer"),
        gammaRegularizer: LayerConfig.Regularizer(c, "gamma_regularizer"),
        betaConstraint: LayerConfig.Constraint(c, "beta_constraint"),
        gammaConstraint: LayerConfig.Constraint(c, "gamma_constraint"),
        renorm: LayerConfig.Bool(c, "renorm", false),
        renormClipping: c["renorm_clipping"] is JsonObject clipping
            ? clipping.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => (float)kv.Value!.GetValue<double>())
            : null,
        renormMomentum: LayerConfig.Float(c, "renorm_momentum", 0.99f),
        synchronized: LayerConfig.Bool(c, "synchronized", false),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));

    /// <summary>
    /// The batch mean and biased variance over every axis but the normalized ones, kept as size-1 axes. With a mask (true where
    /// valid, over all but the last input axis) they are weighted means over the valid positions, as Keras's masked moments.
    /// </summary>
    private (Tensor Mean, Tensor Variance) Moments(Tensor x, Tensor? mask)
    {
        var reduction = Enumerable.Range(0, x.Rank).Except(_axes!).ToArray();
        if (mask is null) return (Ops.Mean(x, reduction, keepDims: true), Ops.Var(x, reduction, keepDims: true));
        var weights = Ops.BroadcastTo(Ops.ExpandDims(Ops.NotEqual(mask, 0f), -1), x.Shape);
        var weighted = Ops.Multiply(weights, x);
        // Keras divides by the weight sum plus its backend epsilon (1e-7) so that an all-masked channel gives 0, not NaN.
        var count = Ops.Add(Ops.Sum(weights, reduction, keepDims: true), Tensor.Scalar(1e-7f));
        var mean = Ops.Divide(Ops.Sum(weighted, reduction, keepDims: true), count);
        var squares = Ops.Multiply(weights, Ops.Square(Ops.Subtract(weighted, mean)));
        return (mean, Ops.Divide(Ops.Sum(squares, reduction, keepDims: true), count));
    }

    /// <summary>
    /// Batch renormalization's correction: r = std_batch / std_renorm and d = (mean_batch - mean_renorm) / std_renorm, clipped and
    /// treated as constants (no gradient), folded into gamma and beta: (x̂ r + d) gamma + beta = x̂ (r gamma) + (d gamma + beta).
    /// </summary>
    private (Tensor Gamma, Tensor Beta) RenormTransform(Tensor mean, Tensor variance, Tensor? gamma, Tensor? beta)
    {
        var (r, d) = GradientTape.NoRecord(() =>
        {
            var renormStddev = Ops.Maximum(Broadcastable(_renormStddev)!, MathF.Sqrt(Epsilon));
            var r = Ops.Divide(Ops.Sqrt(Ops.Add(variance, Tensor.Scalar(Epsilon))), renormStddev);
            var d = Ops.Divide(Ops.Subtract(mean, Broadcastable(_renormMean)!), renormStddev);
            if (RenormClipping!.TryGetValue("rmin", out var rmin)) r = Ops.Maximum(r, rmin);
            if (RenormClipping.TryGetValue("rmax", out var rmax)) r = Ops.Minimum(r, rmax);
            if (RenormClipping.TryGetValue("dmax", out var dmax)) d = Ops.Clip(d, -dmax, dmax);
            return (r, d);
        });
        var effectiveGamma = gamma is null ? r : Ops.Multiply(r, gamma);
        var effectiveBeta = gamma is null ? d : Ops.Multiply(d, gamma);
        return (effectiveGamma, beta is null ? effectiveBeta : Ops.Add(effectiveBeta, beta));
    }

    /// <summary>moving = moving * momentum + batch * (1 - momentum), in place on the variables' storage, so no tape sees it.</summary>
    private void UpdateMovingStatistics(Tensor mean, Tensor variance)
    {
        if (!Renorm)
        {
            MovingAverage(_movingMean!, mean.AsSpan(), Momentum);
            MovingAverage(_movingVariance!, variance.AsSpan(), Momentum);
            return;
        }
        var stddev = new float[variance.Size];
        TensorPrimitives.Add(variance.AsSpan(), Epsilon, stddev);
        TensorPrimitives.Sqrt(stddev, stddev);
        MovingAverage(_renormMean!, mean.AsSpan(), RenormMomentum);
        MovingAverage(_renormStddev!, stddev, RenormMomentum);
        MovingAverage(_movingMean!, mean.AsSpan(), Momentum);
        MovingAverage(_movingStddev!, stddev, Momentum);
        // The inference variance follows from the moving stddev; max(., 0) guards against rounding below zero.
        var movingVariance = _movingVariance!.Value.Floats;
        TensorPrimitives.Multiply(_movingStddev!.Value.Floats, _movingStddev.Value.Floats, movingVariance);
        TensorPrimitives.Subtract(movingVariance, Epsilon, movingVariance);
        TensorPrimitives.Max(movingVariance, 0f, movingVariance);
    }

    private static void MovingAverage(Variable moving, ReadOnlySpan<float> batch, float momentum)
    {
        var value = moving.Value.Floats;
        TensorPrimitives.Multiply(value, momentum, value);
        TensorPrimitives.MultiplyAdd(batch, 1f - momentum, value, value);
    }

    /// <summary>A per-channel weight reshaped to broadcast against the input (size-1 axes where reduced).</summary>
    private Tensor? Broadcastable(Variable? weight) => weight is null ? null : Ops.Reshape(weight.Value, _broadcastShape!);

    private void CheckAxis(int axis, Shape inputShape)
    {
        if (axis >= inputShape.Rank || axis < -inputShape.Rank)
            throw new ArgumentException($"Layer '{Name}' (BatchNormalization): axis {axis} is out of bounds for input shape {inputShape}. Received: axis={(_axisIsList ? $"[{string.Join(", ", _axis)}]" : _axis[0])}");
    }

    private static IReadOnlyDictionary<string, float> CheckClipping(IReadOnlyDictionary<string, float> clipping)
    {
        var unknown = clipping.Keys.Except(ClippingKeys).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException(
                $"BatchNormalization: received invalid keys for the 'renormClipping' argument: {string.Join(", ", unknown)}. Supported keys: {string.Join(", ", ClippingKeys)}.",
                nameof(clipping));
        if (clipping.TryGetValue("rmax", out var rmax) && clipping.TryGetValue("rmin", out var rmin) && rmax < rmin)
            throw new ArgumentException($"BatchNormalization: rmax should be greater than rmin in 'renormClipping'. Received: rmax={rmax}, rmin={rmin}.", nameof(clipping));
        if (clipping.TryGetValue("dmax", out var dmax) && dmax < 0)
            throw new ArgumentException($"BatchNormalization: dmax should be non-negative in 'renormClipping'. Received: dmax={dmax}.", nameof(clipping));
        return new Dictionary<string, float>(clipping);
    }
}
