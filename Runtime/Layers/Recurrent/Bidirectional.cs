using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Recurrent;

/// <summary>
/// Keras's <c>Bidirectional</c> wrapper: runs a recurrent layer forward and a copy of it backward over the sequence and merges the
/// two outputs ("concat", "sum", "mul", "ave", or null for both outputs separately). The inner layers are re-created from the
/// wrapped layer's config as <c>forward_&lt;name&gt;</c> and <c>backward_&lt;name&gt;</c> (the backward one with <c>goBackwards</c>
/// flipped), so their weights are the wrapper's, forward then backward.
/// </summary>
public sealed class Bidirectional : Layer
{
    private static readonly string?[] MergeModes = ["concat", "sum", "mul", "ave", null];

    // Declared forward then backward: the order of the weights (Keras's).
    private readonly RNN _forward;
    private readonly RNN _backward;
    private readonly bool _backwardGiven;

    public Bidirectional(RNN layer, string? mergeMode = "concat", RNN? backwardLayer = null, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (!MergeModes.Contains(mergeMode))
            throw new ArgumentException($"Bidirectional: invalid mergeMode '{mergeMode}'; expected one of \"concat\", \"sum\", \"mul\", \"ave\" or null.", nameof(mergeMode));
        if (layer.Built)
            throw new ArgumentException($"Bidirectional: the wrapped layer '{layer.Name}' is already built; wrap a new, unbuilt layer (its weights are re-created).", nameof(layer));
        MergeMode = mergeMode;
        _forward = Recreate(layer, "forward_", layer.GoBackwards);
        if (backwardLayer is null)
        {
            _backward = Recreate(layer, "backward_", !layer.GoBackwards);
        }
        else
        {
            if (backwardLayer.GoBackwards == layer.GoBackwards)
                throw new ArgumentException($"Bidirectional: the forward layer '{layer.Name}' and the backward layer '{backwardLayer.Name}' must have different goBackwards values; both have {layer.GoBackwards}.", nameof(backwardLayer));
            if (backwardLayer.ReturnSequences != layer.ReturnSequences || backwardLayer.ReturnState != layer.ReturnState || backwardLayer.Stateful != layer.Stateful)
                throw new ArgumentException($"Bidirectional: the forward layer '{layer.Name}' and the backward layer '{backwardLayer.Name}' must have the same returnSequences, returnState and stateful.", nameof(backwardLayer));
            _backward = backwardLayer;
            _backwardGiven = true;
        }
    }

    /// <summary>How the two directions' outputs are combined; null returns both.</summary>
    public string? MergeMode { get; }

    /// <summary>The layer run in the wrapped layer's direction.</summary>
    public RNN ForwardLayer => _forward;

    /// <summary>The layer run in the other direction.</summary>
    public RNN BackwardLayer => _backward;

    public bool ReturnSequences => _forward.ReturnSequences;

    public bool ReturnState => _forward.ReturnState;

    public override bool SupportsMasking => true;

    /// <summary>Zeroes the carried states of both directions (Keras's <c>reset_states</c>); the wrapped layer must be stateful.</summary>
    public void ResetStates()
    {
        RequireStateful();
        _forward.ResetStates();
        _backward.ResetStates();
    }

    /// <summary>Sets the carried states: the forward layer's, then the backward layer's, as for <c>initialState</c>.</summary>
    public void ResetStates(IReadOnlyList<Tensor> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        RequireStateful();
        var (forward, backward) = SplitInitialStates([.. states]);
        if (forward.Length == 0)
            throw new ArgumentException($"Layer '{Name}' (Bidirectional): ResetStates needs the forward layer's {_forward.Cell.StateSize.Count} state(s) then the backward layer's {_backward.Cell.StateSize.Count}; got none.");
        _forward.ResetStates(forward);
        _backward.ResetStates(backward);
    }

    private void RequireStateful()
    {
        if (!_forward.Stateful)
            throw new InvalidOperationException($"Layer '{Name}' (Bidirectional) wraps a layer that is not stateful: ResetStates needs a layer created with stateful: true.");
    }

    private static RNN Recreate(RNN layer, string prefix, bool goBackwards)
    {
        var envelope = KerasRegistry.Serialize(layer);
        var config = (JsonObject)envelope["config"]!;
        config["name"] = prefix + RemovePrefix(layer.Name, prefix);
        config["go_backwards"] = goBackwards;
        return KerasRegistry.Deserialize<RNN>(envelope);
    }

    private static string RemovePrefix(string name, string prefix) => name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;

    public override void Build(IReadOnlyList<Shape> inputShapes)
    {
        _forward.MaybeBuild(inputShapes.Take(1 + _forward.Cell.StateSize.Count).ToArray());
        _backward.MaybeBuild([inputShapes[0], .. inputShapes.Skip(1 + _forward.Cell.StateSize.Count)]);
    }

    protected internal override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training, IReadOnlyList<Tensor?> masks)
    {
        var (forwardStates, backwardStates) = SplitInitialStates(inputs.Skip(1).ToArray());
        var mask = masks.Count > 0 ? masks[0] : null;
        var forward = _forward.Invoke([inputs[0], .. forwardStates], training, [mask, .. forwardStates.Select(_ => (Tensor?)null)]);
        var backward = _backward.Invoke([inputs[0], .. backwardStates], training, [mask, .. backwardStates.Select(_ => (Tensor?)null)]);
        var y = forward[0];
        // The backward layer emits its sequence in processing order; put it back in time order before merging.
        var yReverse = ReturnSequences ? Ops.Stack(Timesteps.Unstack(backward[0]).Reverse().ToArray(), axis: 1) : backward[0];
        Tensor[] outputs = MergeMode switch
        {
            "concat" => [Ops.Concatenate([y, yReverse], axis: -1)],
            "sum" => [Ops.Add(y, yReverse)],
            "mul" => [Ops.Multiply(y, yReverse)],
            "ave" => [Ops.Multiply(Ops.Add(y, yReverse), Tensor.Scalar(0.5f))],
            _ => [y, yReverse],
        };
        return ReturnState ? [.. outputs, .. forward.Skip(1), .. backward.Skip(1)] : outputs;
    }

    // Keras: initial states given to the wrapper are the forward layer's followed by the backward layer's.
    private (Tensor[] Forward, Tensor[] Backward) SplitInitialStates(Tensor[] states)
    {
        if (states.Length == 0) return ([], []);
        var count = _forward.Cell.StateSize.Count;
        if (states.Length != count + _backward.Cell.StateSize.Count)
            throw new ArgumentException($"Layer '{Name}' (Bidirectional): 'initialState' must hold the forward layer's {count} state(s) then the backward layer's {_backward.Cell.StateSize.Count}; got {states.Length}.");
        return (states[..count], states[count..]);
    }

    public override IReadOnlyList<Shape> ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        var forward = _forward.ComputeOutputShape([inputShapes[0]]);
        var backward = _backward.ComputeOutputShape([inputShapes[0]]);
        var (y, yReverse) = (forward[0], backward[0]);
        Shape[] outputs = MergeMode switch
        {
            "concat" => [new Shape([.. y.Take(y.Rank - 1), y[y.Rank - 1] + yReverse[yReverse.Rank - 1]])],
            null => [y, yReverse],
            _ => [y],
        };
        return ReturnState ? [.. outputs, .. forward.Skip(1), .. backward.Skip(1)] : outputs;
    }

    public override IReadOnlyList<Tensor?> ComputeMask(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        var outputMask = ReturnSequences && masks.Count > 0 ? masks[0] : null;
        Tensor?[] outputs = MergeMode is null ? [outputMask, outputMask] : [outputMask];
        var states = _forward.Cell.StateSize.Count + _backward.Cell.StateSize.Count;
        return ReturnState ? [.. outputs, .. Enumerable.Repeat((Tensor?)null, states)] : outputs;
    }

    /// <summary>Keras 3's keys: <c>merge_mode</c>, the forward <c>layer</c>, and <c>backward_layer</c> when one was given.</summary>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["merge_mode"] = MergeMode;
        config["layer"] = LayerConfig.Serialize(_forward);
        if (_backwardGiven) config["backward_layer"] = LayerConfig.Serialize(_backward);
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Bidirectional", c => new Bidirectional(
        layer: c["layer"] is JsonObject layer
            ? KerasRegistry.Deserialize<RNN>(layer)
            : throw new FormatException("Bidirectional config is missing the required key 'layer'."),
        // An explicit null merge_mode means "return both outputs"; only an absent key takes the default.
        mergeMode: c.ContainsKey("merge_mode") ? LayerConfig.String(c, "merge_mode") : "concat",
        backwardLayer: c["backward_layer"] is JsonObject backward ? KerasRegistry.Deserialize<RNN>(backward) : null,
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
