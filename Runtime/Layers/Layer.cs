using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers;

/// <summary>
/// The building block, with Keras's contract: the constructor stores configuration; <see cref="Build(Shape)"/> creates state with
/// <see cref="AddWeight(string, Shape, Initializer?, Regularizer?, Constraint?, bool)"/>; <see cref="Call(Tensor)"/> computes with
/// <see cref="Ops"/>; <see cref="GetConfig"/> returns the constructor arguments. <c>Apply</c> is Keras's <c>__call__</c>: on a
/// <see cref="Tensor"/> it builds on first use and computes eagerly, on a <see cref="KerasTensor"/> it records a node of a
/// functional graph. Single-input layers override the <c>Tensor</c> overloads; multi-input or multi-output layers override the
/// list overloads.
/// </summary>
public abstract partial class Layer : IKerasSerializable
{
    private readonly List<Variable> _trainableVariables = [];
    private readonly List<Variable> _nonTrainableVariables = [];
    private readonly List<(Variable Variable, Regularizer Regularizer)> _regularizers = [];
    private readonly List<Tensor> _callLosses = [];
    private List<Layer>? _trackedLayers;
    private bool _trainable;
    private bool _building;
    private bool _builtDirectly;

    protected Layer(string? name = null, bool trainable = true, DType dtype = DType.Float32)
    {
        Name = name ?? LayerNames.Unique(LayerNames.ToSnakeCase(GetType().Name));
        if (Name.Length == 0 || Name.Contains('/'))
            throw new ArgumentException($"Invalid layer name '{Name}': names must be non-empty and contain no '/'.", nameof(name));
        _trainable = trainable;
        DType = dtype;
    }

    /// <summary>The layer's unique name ("dense", "dense_1", ... unless given).</summary>
    public string Name { get; }

    /// <summary>The Keras class name used in configs (the C# class name by default).</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>The Keras module the class is exported from ("keras.layers" for built-in layers).</summary>
    public virtual string Module => "keras.layers";

    /// <summary>The dtype of the layer's weights and computations.</summary>
    public DType DType { get; }

    /// <summary>Whether the layer's weights are trained. Setting it freezes or unfreezes the layer and all layers inside it, as in Keras 3.</summary>
    public virtual bool Trainable
    {
        get => _trainable;
        set
        {
            _trainable = value;
            foreach (var v in _trainableVariables) v.Trainable = value;
            foreach (var layer in TrackedLayers) layer.Trainable = value;
        }
    }

    /// <summary>Whether <see cref="Build(Shape)"/> has run.</summary>
    public bool Built { get; private set; }

    /// <summary>What the layer accepts, one spec per input (or one for all); checked on every call.</summary>
    protected IReadOnlyList<InputSpec>? InputSpecs { get; set; }

    /// <summary>Sets a single input spec.</summary>
    protected InputSpec? InputSpec
    {
        get => InputSpecs is [var spec] ? spec : null;
        set => InputSpecs = value is null ? null : [value];
    }

    /// <summary>Whether the layer propagates an incoming mask unchanged (when it does not compute its own).</summary>
    public virtual bool SupportsMasking => false;

    /// <summary>The shapes the layer was built with (null until built).</summary>
    public IReadOnlyList<Shape>? BuildInputShapes { get; private set; }

    // ---------------------------------------------------------------- state

    /// <summary>
    /// Creates a weight (Keras's <c>add_weight</c>) in <see cref="Build(Shape)"/> or the constructor. Trainable weights are
    /// watched by gradient tapes; non-trainable ones hold statistics (moving means) or counters.
    /// </summary>
    protected Variable AddWeight(
        string name, Shape shape, Initializer? initializer = null, Regularizer? regularizer = null,
        Constraint? constraint = null, bool trainable = true, [CallerMemberName] string caller = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (Built && !_building)
            throw new InvalidOperationException(
                $"Layer '{Name}': weights can only be created in the constructor or in Build(); '{name}' was added after the layer was built.");
        // A weight made by Build outside the first call is Keras's `layer.build(shape)` called directly: the layer is built then,
        // and its first call must not build it again (a second kernel would replace the one the user may have set).
        if (!Built && !_building && caller.StartsWith("Build", StringComparison.Ordinal)) _builtDirectly = true;
        if (!shape.IsFullyDefined)
            throw new ArgumentException($"Layer '{Name}': weight '{name}' needs a fully known shape, got {shape}.", nameof(shape));
        initializer ??= DType == DType.Float32 ? new GlorotUniform() : new Zeros();
        var variable = new Variable(initializer.Call(shape, DType), name, trainable && _trainable)
        {
            Path = $"{Name}/{name}",
            Constraint = constraint,
        };
        (trainable ? _trainableVariables : _nonTrainableVariables).Add(variable);
        if (regularizer is not null) _regularizers.Add((variable, regularizer));
        return variable;
    }

    /// <summary>Creates a weight with an initializer given by its Keras name ("zeros", "glorot_uniform", ...).</summary>
    protected Variable AddWeight(string name, Shape shape, string initializer, Regularizer? regularizer = null, Constraint? constraint = null, bool trainable = true,
        [CallerMemberName] string caller = "") =>
        AddWeight(name, shape, Initializer.Get(initializer), regularizer, constraint, trainable, caller);

    /// <summary>
    /// Creates a weight with Keras's argument order (<c>add_weight(shape, initializer, trainable, name)</c>), as the seed's custom
    /// layers write it: <c>AddWeight(new Shape(inputDim, units), "random_normal")</c>. Unnamed weights are called "variable", "variable_1", ...
    /// </summary>
    protected Variable AddWeight(Shape shape, string initializer = "glorot_uniform", bool trainable = true, string? name = null,
        [CallerMemberName] string caller = "") =>
        AddWeight(name ?? NextVariableName(), shape, Initializer.Get(initializer), null, null, trainable, caller);

    private string NextVariableName()
    {
        var taken = _trainableVariables.Concat(_nonTrainableVariables).Select(v => v.Name).ToHashSet();
        var name = "variable";
        for (var i = 1; taken.Contains(name); i++) name = $"variable_{i}";
        return name;
    }

    /// <summary>All weights: this layer's trainable then non-trainable ones, then those of the layers inside it (Keras order).</summary>
    public IReadOnlyList<Variable> Weights
    {
        get
        {
            var weights = new List<Variable>();
            var seen = new HashSet<Variable>(ReferenceEqualityComparer.Instance);
            foreach (var v in _trainableVariables.Concat(_nonTrainableVariables))
            {
                if (seen.Add(v)) weights.Add(v);
            }
            foreach (var layer in TrackedLayers)
            {
                foreach (var v in layer.Weights)
                {
                    if (seen.Add(v)) weights.Add(v);
                }
            }
            return weights;
        }
    }

    /// <summary>The weights that training updates (none when the layer is frozen).</summary>
    public IReadOnlyList<Variable> TrainableWeights => Trainable ? Weights.Where(v => v.Trainable).ToList() : [];

    /// <summary>The weights that training does not update (all of them when the layer is frozen).</summary>
    public IReadOnlyList<Variable> NonTrainableWeights => Trainable ? Weights.Where(v => !v.Trainable).ToList() : Weights;

    /// <summary>Number of scalars in all weights; the layer must be built.</summary>
    public int CountParams()
    {
        if (!Built && Weights.Count == 0)
            throw new InvalidOperationException(
                $"You tried to call CountParams() on layer '{Name}', but the layer isn't built. Build it first (call it on data, or call Build(inputShape)).");
        return Weights.Sum(v => v.Shape.Size);
    }

    /// <summary>The weights' values in <see cref="Weights"/> order (Keras's <c>get_weights</c>).</summary>
    public IReadOnlyList<Tensor> GetWeights() => Weights.Select(v => Tensor.FromArray(v.Value.ToArray(), v.Shape.ToArray()).Reshape(v.Shape.ToArray())).ToList();

    /// <summary>Sets the weights' values from a list in <see cref="Weights"/> order (Keras's <c>set_weights</c>); nothing changes on a mismatch.</summary>
    public void SetWeights(IReadOnlyList<Tensor> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var weights = Weights;
        if (values.Count != weights.Count)
            throw new ArgumentException($"Layer '{Name}' expects {weights.Count} weights, but SetWeights received {values.Count}.", nameof(values));
        for (var i = 0; i < weights.Count; i++)
        {
            if (values[i].Shape != weights[i].Shape)
                throw new ArgumentException(
                    $"Layer '{Name}' weight {i} ('{weights[i].Path}') has shape {weights[i].Shape}, but SetWeights received shape {values[i].Shape}.", nameof(values));
        }
        for (var i = 0; i < weights.Count; i++) weights[i].Assign(values[i]);
    }

    /// <summary>
    /// Penalties to add to the loss: the regularizers of this layer's and inner layers' weights (computed now, so they are
    /// differentiable on a tape) and activity losses added during the last call.
    /// </summary>
    public IReadOnlyList<Tensor> Losses
    {
        get
        {
            var losses = new List<Tensor>();
            CollectLosses(losses, new HashSet<Layer>(ReferenceEqualityComparer.Instance));
            return losses;
        }
    }

    /// <summary>Adds an activity loss during <c>Call</c> (Keras's <c>add_loss</c>); cleared at the start of the next outermost call.</summary>
    protected void AddLoss(Tensor loss) => _callLosses.Add(loss);

    private void CollectLosses(List<Tensor> losses, HashSet<Layer> seen)
    {
        if (!seen.Add(this)) return;
        foreach (var (variable, regularizer) in _regularizers) losses.Add(regularizer.Call(variable.Value));
        losses.AddRange(_callLosses);
        foreach (var layer in TrackedLayers) layer.CollectLosses(losses, seen);
    }

    private void ClearCallLosses(HashSet<Layer> seen)
    {
        if (!seen.Add(this)) return;
        _callLosses.Clear();
        foreach (var layer in TrackedLayers) layer.ClearCallLosses(seen);
    }

    /// <summary>
    /// The layers this layer holds (for weights, freezing and losses): models override it with their layer list; other layers
    /// are discovered from their fields and auto-property backing fields (a Layer, or a collection of Layers), in declaration
    /// order, so a subclassed model's layers need no registration.
    /// </summary>
    internal virtual IReadOnlyList<Layer> TrackedLayers
    {
        get
        {
            if (_trackedLayers is not null && Built) return _trackedLayers;
            var found = new List<Layer>();
            var seen = new HashSet<Layer>(ReferenceEqualityComparer.Instance) { this };
            var types = new Stack<Type>();
            for (var t = GetType(); t is not null && t != typeof(Layer); t = t.BaseType) types.Push(t);
            foreach (var type in types)
            {
                foreach (var member in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    switch (member.GetValue(this))
                    {
                        case Layer layer when seen.Add(layer):
                            found.Add(layer);
                            break;
                        case IEnumerable<Layer> layers:
                            foreach (var layer in layers)
                            {
                                if (layer is not null && seen.Add(layer)) found.Add(layer);
                            }
                            break;
                    }
                }
            }
            _trackedLayers = found;
            return found;
        }
    }

    // ---------------------------------------------------------------- the overridable contract

    /// <summary>Creates the layer's weights for an input of <paramref name="inputShape"/> (batch axis first, possibly unknown).</summary>
    public virtual void Build(Shape inputShape)
    {
    }

    /// <summary>Builds a layer with several inputs; single-input layers need not override it.</summary>
    public virtual void Build(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        if (inputShapes.Count != 1)
            throw new ArgumentException($"Layer '{Name}' ({ClassName}) expects 1 input, but it received {inputShapes.Count} inputs.");
        Build(inputShapes[0]);
    }

    /// <summary>The computation for one input, when the layer does not need <c>training</c> or a mask.</summary>
    protected internal virtual Tensor Call(Tensor inputs) =>
        throw new NotImplementedException($"Layer '{Name}' ({ClassName}) must override Call.");

    /// <summary>The computation for one input, with the training flag and the incoming mask.</summary>
    protected internal virtual Tensor Call(Tensor inputs, bool training, Tensor? mask) => Call(inputs);

    /// <summary>The computation for several inputs or outputs; single-input, single-output layers need not override it.</summary>
    protected internal virtual IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training, IReadOnlyList<Tensor?> masks)
    {
        if (inputs.Count != 1)
            throw new ArgumentException($"Layer '{Name}' ({ClassName}) expects 1 input, but it received {inputs.Count} inputs.");
        return [Call(inputs[0], training, masks[0])];
    }

    /// <summary>
    /// The output shape for an input shape, computed statically. Built-in layers override it; for a custom layer that does not,
    /// the shape is found by running <c>Call</c> once on zeros (batch size 1) without recording.
    /// </summary>
    public virtual Shape ComputeOutputShape(Shape inputShape) => ComputeOutputShape([inputShape]) is [var single]
        ? single
        : throw new InvalidOperationException($"Layer '{Name}' ({ClassName}) has several outputs; use the list overload of ComputeOutputShape.");

    /// <summary>The output shapes for several inputs.</summary>
    public virtual IReadOnlyList<Shape> ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        if (inputShapes.Count == 1 && OverridesSingleOutputShape) return [ComputeOutputShape(inputShapes[0])];
        return InferOutputShapesByRunning(inputShapes);
    }

    /// <summary>
    /// The mask of the output (Keras's <c>compute_mask</c>): the incoming mask when the layer supports masking. A layer that does not
    /// support masking and does not compute its own mask rejects a masked input with Keras's error (models compute no mask).
    /// </summary>
    public virtual Tensor? ComputeMask(Tensor inputs, Tensor? mask) =>
        SupportsMasking ? mask
        : mask is null || this is Model ? null
        : throw new InvalidOperationException($"Layer {Name} does not support masking, but was passed an input_mask: a {mask.Shape} mask. Put the masking layer after it, or use a layer that supports masks.");

    /// <summary>Output masks for several inputs or outputs.</summary>
    public virtual IReadOnlyList<Tensor?> ComputeMask(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) =>
        inputs.Count == 1 ? [ComputeMask(inputs[0], masks[0])] : [];

    /// <summary>The constructor arguments under Keras's snake_case names: name, trainable and dtype here; layers add theirs.</summary>
    public virtual JsonObject GetConfig() => new()
    {
        ["name"] = Name,
        ["trainable"] = Trainable,
        ["dtype"] = LayerConfig.DTypePolicy(DType),
    };

    public override string ToString() => $"<{ClassName} name={Name}, built={Built}>";

    // ---------------------------------------------------------------- invocation (Keras's __call__)

    /// <summary>Calls the layer on a tensor: builds it on first use, checks the input, computes eagerly.</summary>
    public Tensor Apply(Tensor inputs, bool? training = null, Tensor? mask = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var outputs = Invoke([inputs], training, [mask ?? inputs.KerasMask]);
        return outputs.Count == 1
            ? outputs[0]
            : throw new InvalidOperationException($"Layer '{Name}' returns {outputs.Count} outputs; use ApplyMany.");
    }

    /// <summary>Calls a layer that takes several inputs (e.g. <c>Add</c>, <c>Concatenate</c>) and returns one output.</summary>
    public Tensor Apply(IReadOnlyList<Tensor> inputs, bool? training = null)
    {
        var outputs = ApplyMany(inputs, training);
        return outputs.Count == 1
            ? outputs[0]
            : throw new InvalidOperationException($"Layer '{Name}' returns {outputs.Count} outputs; use ApplyMany.");
    }

    /// <summary>Calls the layer on several tensors and returns all its outputs.</summary>
    public IReadOnlyList<Tensor> ApplyMany(IReadOnlyList<Tensor> inputs, bool? training = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Invoke(inputs, training, inputs.Select(t => t.KerasMask).ToArray());
    }

    /// <summary>Applies the layer to a symbolic tensor: records a node of a functional graph and returns the symbolic output.</summary>
    public KerasTensor Apply(KerasTensor inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var outputs = InvokeSymbolic([inputs]);
        return outputs.Count == 1
            ? outputs[0]
            : throw new InvalidOperationException($"Layer '{Name}' returns {outputs.Count} outputs; use ApplyMany.");
    }

    /// <summary>Applies a layer with several symbolic inputs (e.g. <c>Concatenate().Apply([a, b])</c>).</summary>
    public KerasTensor Apply(IReadOnlyList<KerasTensor> inputs)
    {
        var outputs = ApplyMany(inputs);
        return outputs.Count == 1
            ? outputs[0]
            : throw new InvalidOperationException($"Layer '{Name}' returns {outputs.Count} outputs; use ApplyMany.");
    }

    /// <summary>Applies the layer to symbolic tensors and returns all its symbolic outputs.</summary>
    public IReadOnlyList<KerasTensor> ApplyMany(IReadOnlyList<KerasTensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return InvokeSymbolic(inputs);
    }

    /// <summary>Builds the layer for these input shapes if it is not built yet (Keras's <c>_maybe_build</c>).</summary>
    internal void MaybeBuild(IReadOnlyList<Shape> inputShapes)
    {
        if (Built) return;
        if (_builtDirectly)
        {
            BuildInputShapes = inputShapes;
            Built = true;
            return;
        }
        _building = true;
        try
        {
            Build(inputShapes);
            BuildInputShapes = inputShapes;
            Built = true;
        }
        finally
        {
            _building = false;
        }
    }

    /// <summary>Marks the layer built without calling <c>Build</c> (for layers whose state needs no input shape).</summary>
    protected void MarkBuilt(IReadOnlyList<Shape>? inputShapes = null)
    {
        BuildInputShapes ??= inputShapes;
        Built = true;
    }

    internal IReadOnlyList<Tensor> Invoke(IReadOnlyList<Tensor> inputs, bool? training, IReadOnlyList<Tensor?> masks)
    {
        var outermost = CallDepth == 0;
        if (outermost) ClearCallLosses(new HashSet<Layer>(ReferenceEqualityComparer.Instance));
        CallDepth++;
        try
        {
            using var scope = CallContext.Enter(training);
            var shapes = inputs.Select(t => t.Shape).ToArray();
            MaybeBuild(shapes);
            CheckInputSpecs(shapes);
            var outputs = Call(inputs, CallContext.Training, masks);
            var outputMasks = ComputeMask(inputs, masks);
            for (var i = 0; i < outputs.Count && i < outputMasks.Count; i++)
            {
                if (outputMasks[i] is { } m && !ReferenceEquals(outputs[i], inputs.ElementAtOrDefault(i))) outputs[i].KerasMask = m;
            }
            return outputs;
        }
        finally
        {
            CallDepth--;
        }
    }

    [ThreadStatic] private static int t_callDepth;

    private static int CallDepth
    {
        get => t_callDepth;
        set => t_callDepth = value;
    }

    internal IReadOnlyList<KerasTensor> InvokeSymbolic(IReadOnlyList<KerasTensor> inputs)
    {
        var shapes = inputs.Select(k => k.Shape).ToArray();
        MaybeBuild(shapes);
        CheckInputSpecs(shapes);
        var outputShapes = ComputeOutputShape(shapes);
        return new Node(this, inputs, outputShapes).Outputs;
    }

    private void CheckInputSpecs(IReadOnlyList<Shape> shapes)
    {
        if (InputSpecs is not { Count: > 0 } specs) return;
        for (var i = 0; i < shapes.Count; i++)
        {
            var spec = specs.Count == 1 ? specs[0] : i < specs.Count ? specs[i] : null;
            spec?.Check(Name, i, shapes[i]);
        }
    }

    private bool OverridesSingleOutputShape =>
        GetType().GetMethod(nameof(ComputeOutputShape), [typeof(Shape)])?.DeclaringType != typeof(Layer);

    private IReadOnlyList<Shape> InferOutputShapesByRunning(IReadOnlyList<Shape> inputShapes)
    {
        var probes = inputShapes.Select(s => Tensor.Zeros(s.Select(d => d < 0 ? 1 : d).ToArray())).ToArray();
        var outputs = GradientTape.NoRecord(() => Call(probes, false, new Tensor?[probes.Length]));
        var batchUnknown = inputShapes.Count > 0 && inputShapes[0].Rank > 0 && inputShapes[0][0] < 0;
        return outputs.Select(o => batchUnknown && o.Rank > 0 ? o.Shape.WithDim(0, -1) : o.Shape).ToArray();
    }
}
