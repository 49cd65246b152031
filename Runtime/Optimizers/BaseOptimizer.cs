using System.Collections.ObjectModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Optimizers.Schedules;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using Tensor = NotebookKeras.Runtime.Tensors.Tensor;

namespace NotebookKeras.Runtime.Optimizers;

/// <summary>
/// What every built-in optimizer shares, as Keras 3's <c>BaseOptimizer</c>: the learning rate (a constant held in a
/// <c>learning_rate</c> variable, or a <see cref="LearningRateSchedule"/> asked at each step), the <c>iteration</c> counter, and
/// <see cref="Apply"/>'s common steps in Keras's order: gradient clipping (clipnorm, global_clipnorm or clipvalue), decoupled
/// weight decay (<c>w -= w * weight_decay * lr</c>), the algorithm's update, the exponential moving average of the weights
/// (use_ema), each variable's constraint, and the iteration count. Slot variables are created on the first Apply (or
/// <see cref="Build"/>) with Keras's names and order. Updates run in place on the variables' storage, fused and vectorized, and
/// are never recorded on a tape.
/// </summary>
public abstract class BaseOptimizer : Optimizer
{
    private readonly List<Variable> _variables = [];
    private readonly ReadOnlyCollection<Variable> _variablesView;
    private readonly Dictionary<Variable, int> _indices = new(ReferenceEqualityComparer.Instance);
    private readonly Variable _iterations;
    private Variable? _learningRate;
    private LearningRateSchedule? _schedule;
    private Variable[] _built = [];
    private Variable[] _averages = [];
    private float[] _scratch = [];
    private HashSet<Variable>? _noDecayVariables;
    private string[] _noDecayNames = [];

    private protected BaseOptimizer(
        string name, float defaultLearningRate, LearningRateArgument learningRate, float? weightDecay, float? clipnorm, float? clipvalue,
        float? globalClipnorm, bool useEma, float emaMomentum, int? emaOverwriteFrequency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _variablesView = _variables.AsReadOnly();
        WeightDecay = weightDecay is { } wd ? NonNegative(wd, nameof(weightDecay)) : null;
        Clipnorm = clipnorm is { } cn ? NonNegative(cn, nameof(clipnorm)) : null;
        Clipvalue = clipvalue is { } cv ? NonNegative(cv, nameof(clipvalue)) : null;
        GlobalClipnorm = globalClipnorm is { } gc ? NonNegative(gc, nameof(globalClipnorm)) : null;
        if ((clipnorm is null ? 0 : 1) + (clipvalue is null ? 0 : 1) + (globalClipnorm is null ? 0 : 1) > 1)
            throw new ArgumentException(
                $"{ClassName}: only one of clipnorm, clipvalue and globalClipnorm can be set; got clipnorm={clipnorm}, clipvalue={clipvalue}, globalClipnorm={globalClipnorm}.");
        UseEma = useEma;
        if (useEma)
        {
            Fraction(emaMomentum, nameof(emaMomentum));
            if (emaOverwriteFrequency is < 1)
                throw new ArgumentOutOfRangeException(nameof(emaOverwriteFrequency), emaOverwriteFrequency,
                    $"{ClassName}: emaOverwriteFrequency must be an integer >= 1 or null; got {emaOverwriteFrequency}.");
        }
        EmaMomentum = emaMomentum;
        EmaOverwriteFrequency = emaOverwriteFrequency;

        _iterations = new Variable(Tensor.Scalar(0), "iteration", trainable: false) { Path = $"{name}/iteration" };
        _variables.Add(_iterations);
        if (learningRate.Schedule is { } schedule)
        {
            _schedule = schedule;
        }
        else
        {
            _learningRate = NewLearningRateVariable(CheckRate(learningRate.Value ?? defaultLearningRate));
            _variables.Add(_learningRate);
        }
    }

    public override string Name { get; }

    public override long Iterations => _iterations.Value.AsIntSpan()[0];

    /// <summary>
    /// The rate the next step uses: the schedule's value at <see cref="Iterations"/>, or the constant. Setting it stores a
    /// constant; an optimizer created with a schedule then drops the schedule (Keras refuses; callbacks such as
    /// ReduceLROnPlateau need it) and gains the learning_rate variable after iterations, as if created with a constant.
    /// </summary>
    public override float LearningRate
    {
        get => _schedule?.Call(Iterations) ?? _learningRate!.Value.AsSpan()[0];
        set
        {
            CheckRate(value);
            if (_learningRate is null)
            {
                _schedule = null;
                _learningRate = NewLearningRateVariable(value);
                _variables.Insert(1, _learningRate);
            }
            else
            {
                _learningRate.Value.Floats[0] = value;
            }
        }
    }

    /// <summary>The learning-rate schedule, or null when the rate is a constant.</summary>
    public LearningRateSchedule? Schedule => _schedule;

    /// <summary>Decoupled weight decay (Keras's <c>weight_decay</c>): each step first does <c>w -= w * weightDecay * lr</c>.</summary>
    public float? WeightDecay { get; }

    /// <summary>Each gradient is rescaled so that its L2 norm is at most this.</summary>
    public float? Clipnorm { get; }

    /// <summary>Each gradient element is clipped to [-clipvalue, clipvalue].</summary>
    public float? Clipvalue { get; }

    /// <summary>All gradients are rescaled together so that their global L2 norm is at most this.</summary>
    public float? GlobalClipnorm { get; }

    /// <summary>Whether the optimizer keeps an exponential moving average of the variables (Keras's <c>use_ema</c>).</summary>
    public bool UseEma { get; }

    /// <summary>The moving average's momentum: average = momentum * average + (1 - momentum) * value.</summary>
    public float EmaMomentum { get; }

    /// <summary>Every this many steps the variables are overwritten with their moving average; null: only by <see cref="FinalizeVariableValues"/>.</summary>
    public int? EmaOverwriteFrequency { get; }

    /// <summary>Whether the state variables exist (after the first Apply or <see cref="Build"/>).</summary>
    public bool Built { get; private set; }

    public override IReadOnlyList<Variable> Variables => _variablesView;

    /// <summary>
    /// Creates the state for <paramref name="variables"/> (Keras's <c>build</c>): moving averages when <see cref="UseEma"/>, then
    /// the algorithm's slots, each named after its variable's path ("dense_kernel_momentum"). Later calls do nothing.
    /// </summary>
    public override void Build(IReadOnlyList<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (Built) return;
        for (var i = 0; i < variables.Count; i++)
        {
            var variable = variables[i] ?? throw new ArgumentNullException(nameof(variables), $"{ClassName}: variable {i} is null.");
            if (variable.DType != DType.Float32)
                throw new ArgumentException($"{ClassName}: optimizers update float32 variables; '{variable.Path}' is {variable.DType.KerasName()}.", nameof(variables));
            if (!_indices.TryAdd(variable, i))
                throw new ArgumentException($"{ClassName}: variable '{variable.Path}' is listed twice (positions {_indices[variable]} and {i}).", nameof(variables));
        }
        _built = [.. variables];
        if (UseEma) _averages = AddSlots(_built, "average");
        CreateSlots(_built);
        Built = true;
    }

    public override void Apply(IReadOnlyList<Tensor> gradients, IReadOnlyList<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(variables);
        if (gradients.Count != variables.Count)
            throw new ArgumentException(
                $"{ClassName}.Apply: got {gradients.Count} gradients for {variables.Count} variables; expected one gradient per variable, in the same order.", nameof(gradients));
        if (gradients.Count == 0) return;
        Build(variables);
        CheckGradients(gradients, variables);

        var learningRate = LearningRate;
        var globalScale = GlobalClipnorm is { } clip && clip > 0 ? GlobalClipScale(gradients, clip) : 1f;
        BeforeUpdateSteps();
        for (var k = 0; k < variables.Count; k++)
        {
            // A null gradient means the variable did not take part in the loss: Keras skips it.
            if (gradients[k] is not { } gradient) continue;
            var variable = variables[k];
            var clipped = Clip(gradient.AsSpan(), globalScale);
            if (WeightDecay is { } decay && UsesWeightDecay(variable))
                UpdateRule.Run(new DecayRule(decay * learningRate), variable.Value.Floats, default);
            UpdateStep(clipped, variable, _indices[variable], learningRate);
        }
        if (UseEma) UpdateMovingAverages();
        for (var k = 0; k < variables.Count; k++)
        {
            if (gradients[k] is not null && variables[k].Constraint is { } constraint) variables[k].Assign(constraint.Call(variables[k].Value));
        }
        _iterations.Value.Ints[0]++;
    }

    /// <summary>With <see cref="UseEma"/>, overwrites <paramref name="variables"/> with their moving averages (Fit does it after the last epoch).</summary>
    public override void FinalizeVariableValues(IReadOnlyList<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (!UseEma || !Built) return;
        foreach (var variable in variables)
        {
            if (!_indices.TryGetValue(variable, out var index)) throw UnknownVariable(variable);
            variable.Assign(_averages[index].Value);
        }
    }

    /// <summary>
    /// Keras's <c>exclude_from_weight_decay</c>: no weight decay for <paramref name="variables"/>, nor for variables whose name
    /// contains one of <paramref name="varNames"/> (e.g. "bias"). Must be called before the optimizer is built.
    /// </summary>
    public void ExcludeFromWeightDecay(IEnumerable<Variable>? variables = null, IEnumerable<string>? varNames = null)
    {
        if (Built)
            throw new InvalidOperationException($"{ClassName}: ExcludeFromWeightDecay can only be called before the optimizer is built (before its first Apply).");
        _noDecayVariables = variables is null ? null : new HashSet<Variable>(variables, ReferenceEqualityComparer.Instance);
        _noDecayNames = varNames?.ToArray() ?? [];
    }

    /// <summary>The common config keys of Keras 3's optimizers; each optimizer adds its own.</summary>
    public override JsonObject GetConfig() => new()
    {
        ["name"] = Name,
        ["learning_rate"] = _schedule is null ? JsonValue.Create(_learningRate!.Value.AsSpan()[0]) : KerasRegistry.Serialize(_schedule),
        ["weight_decay"] = WeightDecay,
        ["clipnorm"] = Clipnorm,
        ["global_clipnorm"] = GlobalClipnorm,
        ["clipvalue"] = Clipvalue,
        ["use_ema"] = UseEma,
        ["ema_momentum"] = EmaMomentum,
        ["ema_overwrite_frequency"] = EmaOverwriteFrequency,
        ["loss_scale_factor"] = null,
        ["gradient_accumulation_steps"] = null,
    };

    /// <summary>Creates the algorithm's slot variables for <paramref name="variables"/> (Keras's <c>build</c> after the base's).</summary>
    private protected abstract void CreateSlots(IReadOnlyList<Variable> variables);

    /// <summary>
    /// The algorithm's update of <paramref name="variable"/> (number <paramref name="index"/> among the variables the optimizer was
    /// built with) for one step, from its clipped <paramref name="gradient"/>; Keras's <c>update_step</c>.
    /// </summary>
    private protected abstract void UpdateStep(ReadOnlySpan<float> gradient, Variable variable, int index, float learningRate);

    /// <summary>Runs once per step before the variables' updates (Keras's <c>_backend_update_step</c>, which Nadam extends).</summary>
    private protected virtual void BeforeUpdateSteps()
    {
    }

    /// <summary>One slot per variable, named "{variable path with _ for /}_{name}" (Keras's <c>add_optimizer_variables</c>).</summary>
    private protected Variable[] AddSlots(IReadOnlyList<Variable> variables, string name, float initialValue = 0f)
    {
        var slots = new Variable[variables.Count];
        for (var i = 0; i < slots.Length; i++) slots[i] = AddSlot(variables[i], name, initialValue);
        return slots;
    }

    /// <summary>Two slots per variable, interleaved variable by variable, as Keras's <c>add_optimizer_variables</c> with two names.</summary>
    private protected (Variable[] First, Variable[] Second) AddSlotPairs(IReadOnlyList<Variable> variables, string first, string second)
    {
        var (a, b) = (new Variable[variables.Count], new Variable[variables.Count]);
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = AddSlot(variables[i], first, 0f);
            b[i] = AddSlot(variables[i], second, 0f);
        }
        return (a, b);
    }

    /// <summary>A state variable of the optimizer itself (Nadam's momentum-schedule product), appended to <see cref="Variables"/>.</summary>
    private protected Variable AddVariable(string name, Tensor initialValue)
    {
        var variable = new Variable(initialValue, name, trainable: false) { Path = $"{Name}/{name}" };
        _variables.Add(variable);
        return variable;
    }

    /// <summary>Throws unless 0 &lt;= value &lt;= 1, naming the optimizer and the argument.</summary>
    private protected float Fraction(float value, string argument) => value is >= 0f and <= 1f
        ? value
        : throw new ArgumentOutOfRangeException(argument, value, $"{ClassName}: {argument} must be in [0, 1]; got {value}.");

    /// <summary>Throws unless the value is a finite number >= 0, naming the optimizer and the argument.</summary>
    private protected float NonNegative(float value, string argument) => float.IsFinite(value) && value >= 0
        ? value
        : throw new ArgumentOutOfRangeException(argument, value, $"{ClassName}: {argument} must be a finite number >= 0; got {value}.");

    /// <summary>The arguments every optimizer's config carries, read with Keras's defaults (<paramref name="defaultName"/> for "name").</summary>
    private protected static CommonArguments ReadCommon(JsonObject config, string owner, string defaultName)
    {
        foreach (var unsupported in (ReadOnlySpan<string>)["loss_scale_factor", "gradient_accumulation_steps"])
        {
            if (config[unsupported] is { } value)
                throw new NotSupportedException($"{owner} config: '{unsupported}' is not supported yet; got {value.ToJsonString()} (only null is).");
        }
        // Keras 2 configs spelled the rate "lr".
        var key = config["learning_rate"] is null && config["lr"] is not null ? "lr" : "learning_rate";
        LearningRateArgument learningRate = config[key] switch
        {
            null => default,
            JsonObject schedule => LearningRateSchedule.Deserialize(schedule),
            _ => config.GetFloat(key, 0f, owner),
        };
        return new(
            learningRate,
            Optional(config, "weight_decay", owner),
            Optional(config, "clipnorm", owner),
            Optional(config, "clipvalue", owner),
            Optional(config, "global_clipnorm", owner),
            Layers.LayerConfig.Bool(config, "use_ema", false),
            config.GetFloat("ema_momentum", 0.99f, owner),
            config.GetNullableInt("ema_overwrite_frequency", owner),
            config.GetString("name", defaultName, owner));
    }

    /// <summary>A float that may be null (Keras's None).</summary>
    private static float? Optional(JsonObject config, string key, string owner) => config[key] is null ? null : config.GetFloat(key, 0f, owner);

    private Variable AddSlot(Variable reference, string name, float initialValue)
    {
        var value = initialValue == 0f ? Tensor.Empty(reference.Shape) : Tensor.Full(reference.Shape, initialValue);
        return AddVariable($"{reference.Path.Replace('/', '_')}_{name}", value);
    }

    private Variable NewLearningRateVariable(float value) =>
        new(Tensor.Scalar(value), "learning_rate", trainable: false) { Path = $"{Name}/learning_rate" };

    private float CheckRate(float value) => float.IsFinite(value) && value >= 0
        ? value
        : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, $"{ClassName}: the learning rate must be a finite number >= 0; got {value}.");

    private void CheckGradients(IReadOnlyList<Tensor> gradients, IReadOnlyList<Variable> variables)
    {
        var any = false;
        for (var k = 0; k < variables.Count; k++)
        {
            var variable = variables[k] ?? throw new ArgumentNullException(nameof(variables), $"{ClassName}.Apply: variable {k} is null.");
            if (!_indices.ContainsKey(variable)) throw UnknownVariable(variable);
            if (gradients[k] is not { } gradient) continue;
            if (gradient.DType != DType.Float32 || gradient.Shape != variable.Shape)
                throw new ArgumentException(
                    $"{ClassName}.Apply: the gradient for variable '{variable.Path}' has shape {gradient.Shape} and dtype {gradient.DType.KerasName()}; " +
                    $"expected the variable's shape {variable.Shape} and float32.", nameof(gradients));
            any = true;
        }
        if (!any) throw new ArgumentException($"{ClassName}.Apply: no gradients provided for any variable (all {variables.Count} are null).", nameof(gradients));
    }

    private ArgumentException UnknownVariable(Variable variable) => new(
        $"{ClassName}: unknown variable '{variable.Path}'. This optimizer was built for {_built.Length} variables (at its first Apply); " +
        "create a new optimizer to train a different set of variables.");

    // Keras's clip_by_global_norm: scale = clip * min(1 / norm, 1 / clip), NaN when the norm is not finite.
    private static float GlobalClipScale(IReadOnlyList<Tensor> gradients, float clip)
    {
        var squares = 0f;
        for (var k = 0; k < gradients.Count; k++)
        {
            if (gradients[k] is { } gradient) squares += TensorPrimitives.SumOfSquares(gradient.AsSpan());
        }
        var norm = MathF.Sqrt(squares);
        return float.IsFinite(norm) ? clip * MathF.Min(1f / norm, 1f / clip) : float.NaN;
    }

    // Keras's _clip_gradients: the first of clipnorm, global_clipnorm, clipvalue that is set and > 0. Clipped values go to a
    // scratch buffer reused variable after variable (each is consumed by its update before the next is clipped).
    private ReadOnlySpan<float> Clip(ReadOnlySpan<float> gradient, float globalScale)
    {
        var scale = globalScale;
        if (Clipnorm is { } clipnorm && clipnorm > 0)
        {
            var norm = MathF.Sqrt(TensorPrimitives.SumOfSquares(gradient));
            scale = clipnorm / MathF.Max(norm, clipnorm);
        }
        else if (Clipvalue is { } clipvalue && clipvalue > 0)
        {
            var clamped = Scratch(gradient.Length);
            TensorPrimitives.Clamp(gradient, -clipvalue, clipvalue, clamped);
            return clamped;
        }
        if (scale == 1f) return gradient;
        var scaled = Scratch(gradient.Length);
        TensorPrimitives.Multiply(gradient, scale, scaled);
        return scaled;
    }

    private Span<float> Scratch(int length)
    {
        if (_scratch.Length < length) _scratch = new float[length];
        return _scratch.AsSpan(0, length);
    }

    private bool UsesWeightDecay(Variable variable)
    {
        if (_noDecayVariables is not null && _noDecayVariables.Contains(variable)) return false;
        foreach (var name in _noDecayNames)
        {
            if (variable.Name.Contains(name, StringComparison.Ordinal)) return false;
        }
        return true;
    }

    // Keras's _update_model_variables_moving_average, then the periodic overwrite; the first step copies the values.
    private void UpdateMovingAverages()
    {
        var momentum = Iterations == 0 ? 0f : EmaMomentum;
        for (var i = 0; i < _built.Length; i++) UpdateRule.Run(new AverageRule(momentum), _averages[i].Value.Floats, _built[i].Value.AsSpan());
        if (EmaOverwriteFrequency is { } frequency && (Iterations + 1) % frequency == 0)
        {
            for (var i = 0; i < _built.Length; i++) _built[i].Assign(_averages[i].Value);
        }
    }

    /// <summary>The arguments of <see cref="BaseOptimizer"/>'s constructor, as read from a config.</summary>
    private protected readonly record struct CommonArguments(
        LearningRateArgument LearningRate, float? WeightDecay, float? Clipnorm, float? Clipvalue, float? GlobalClipnorm,
        bool UseEma, float EmaMomentum, int? EmaOverwriteFrequency, string Name);

    /// <summary>w -= w * factor, with factor = weight_decay * learning_rate.</summary>
    private readonly struct DecayRule(float factor) : IUpdateRule
    {
        public void Update(ref Vector<float> variable, Vector<float> gradient, ref Vector<float> slot0, ref Vector<float> slot1, ref Vector<float> slot2) =>
            variable -= variable * factor;
    }

    /// <summary>average = momentum * average + (1 - momentum) * value; the average is the updated span, the value the read-only one.</summary>
    private readonly struct AverageRule(float momentum) : IUpdateRule
    {
        public void Update(ref Vector<float> average, Vector<float> value, ref Vector<float> slot0, ref Vector<float> slot1, ref Vector<float> slot2) =>
            average = average * momentum + value * (1 - momentum);
    }
}
