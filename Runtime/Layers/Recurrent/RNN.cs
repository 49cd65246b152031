using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Recurrent;

/// <summary>
/// Keras's recurrent base layer: runs a <see cref="RecurrentCell"/> over the time axis of (batch, timesteps, features) inputs,
/// each timestep written with Ops so the tape differentiates through time. Extra inputs after the sequence are the initial
/// states, then the <see cref="NumConstants"/> constants passed to the cell at every step (Keras's <c>[sequence, *initial_state,
/// *constants]</c>); masked timesteps carry the previous states and output. A list of cells is stacked in a
/// <see cref="StackedRNNCells"/>. <c>unroll</c> is accepted for Keras compatibility and ignored.
/// </summary>
public class RNN : Layer
{
    private Tensor[]? _statefulStates;

    public RNN(
        RecurrentCell cell,
        bool returnSequences = false,
        bool returnState = false,
        bool goBackwards = false,
        bool stateful = false,
        bool unroll = false,
        bool zeroOutputForMask = false,
        string? name = null,
        bool trainable = true,
        DType dtype = DType.Float32)
        : this(cell, returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, null, name, trainable, dtype)
    {
    }

    /// <summary>Stacks the cells (Keras's <c>RNN([cell1, cell2])</c>): each cell's output is the next one's input.</summary>
    public RNN(
        IReadOnlyList<RecurrentCell> cells,
        bool returnSequences = false,
        bool returnState = false,
        bool goBackwards = false,
        bool stateful = false,
        bool unroll = false,
        bool zeroOutputForMask = false,
        string? name = null,
        bool trainable = true,
        DType dtype = DType.Float32)
        : this(new StackedRNNCells(cells), returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, null, name, trainable, dtype)
    {
    }

    /// <summary>For layers that own their cell and take Keras's <c>activity_regularizer</c> (applied to every output).</summary>
    protected RNN(
        RecurrentCell cell, bool returnSequences, bool returnState, bool goBackwards, bool stateful, bool unroll, bool zeroOutputForMask,
        Regularizer? activityRegularizer, string? name, bool trainable, DType dtype)
        : base(name, trainable, dtype)
    {
        ArgumentNullException.ThrowIfNull(cell);
        Cell = cell;
        ActivityRegularizer = activityRegularizer;
        ReturnSequences = returnSequences;
        ReturnState = returnState;
        GoBackwards = goBackwards;
        Stateful = stateful;
        Unroll = unroll;
        ZeroOutputForMask = zeroOutputForMask;
    }

    public RecurrentCell Cell { get; }

    public bool ReturnSequences { get; }

    public bool ReturnState { get; }

    public bool GoBackwards { get; }

    public bool Stateful { get; }

    public bool Unroll { get; }

    public bool ZeroOutputForMask { get; }

    /// <summary>How many of the last inputs are constants for the cell (0 until the layer is called with constants).</summary>
    public int NumConstants { get; private set; }

    public override bool SupportsMasking => true;

    /// <summary>The penalty on the outputs added as a loss at each call (SimpleRNN, LSTM, GRU).</summary>
    public Regularizer? ActivityRegularizer { get; }

    /// <summary>The states carried between calls of a stateful layer (null before the first call or when not stateful).</summary>
    public IReadOnlyList<Tensor>? States => _statefulStates;

    public override void Build(IReadOnlyList<Shape> inputShapes)
    {
        var sequence = inputShapes[0];
        if (sequence.Rank != 3)
            throw new ArgumentException($"Layer '{Name}' ({ClassName}) expects inputs of shape (batch, timesteps, features); got {sequence}.");
        if (Stateful && sequence[0] < 0)
            throw new ArgumentException($"Layer '{Name}' ({ClassName}) is stateful and needs a fixed batch size; got input shape {sequence}. Give the Input a batch size.");
        Cell.MaybeBuild([new Shape(sequence[0], sequence[2]), .. inputShapes.Skip(inputShapes.Count - NumConstants)]);
    }

    /// <summary>Calls the layer with explicit initial states (one tensor per entry of the cell's <c>StateSize</c>).</summary>
    public IReadOnlyList<Tensor> ApplyMany(Tensor inputs, IReadOnlyList<Tensor> initialState, bool? training = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(initialState);
        return Invoke([inputs, .. initialState], training, [inputs.KerasMask, .. initialState.Select(_ => (Tensor?)null)]);
    }

    /// <summary>
    /// Calls the layer with constants passed to the cell at every timestep (Keras's <c>constants=</c>), and initial states when
    /// given (null: zeros, or the carried states of a stateful layer).
    /// </summary>
    public IReadOnlyList<Tensor> ApplyMany(Tensor inputs, IReadOnlyList<Tensor>? initialState, IReadOnlyList<Tensor> constants, bool? training = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(constants);
        initialState ??= [];
        UseConstants(constants.Count);
        Tensor[] all = [inputs, .. initialState, .. constants];
        return Invoke(all, training, [inputs.KerasMask, .. all.Skip(1).Select(_ => (Tensor?)null)]);
    }

    /// <summary>
    /// Applies the layer to a symbolic sequence with symbolic initial states (Keras's <c>layer(x, initial_state=[h, c])</c> in a
    /// functional model); returns the output, then the final states with <c>returnState</c>.
    /// </summary>
    public IReadOnlyList<KerasTensor> ApplyMany(KerasTensor inputs, IReadOnlyList<KerasTensor> initialState)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(initialState);
        return ApplyMany([inputs, .. initialState]);
    }

    /// <summary>
    /// Applies the layer to a symbolic sequence with symbolic constants (and initial states when given); in the node, as in Keras,
    /// the inputs are the sequence, the initial states, then the constants, and <see cref="NumConstants"/> remembers the split.
    /// </summary>
    public IReadOnlyList<KerasTensor> ApplyMany(KerasTensor inputs, IReadOnlyList<KerasTensor>? initialState, IReadOnlyList<KerasTensor> constants)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(constants);
        UseConstants(constants.Count);
        return ApplyMany([inputs, .. initialState ?? [], .. constants]);
    }

    // Keras fixes num_constants at the first call with constants; a layer's nodes all split their inputs the same way.
    private void UseConstants(int count)
    {
        if (count == 0)
            throw new ArgumentException($"Layer '{Name}' ({ClassName}): 'constants' is empty; call the layer without constants instead.");
        if (NumConstants != 0 && NumConstants != count)
            throw new ArgumentException($"Layer '{Name}' ({ClassName}) was called with {NumConstants} constant(s) before; it cannot now take {count}.");
        if (!Cell.AcceptsConstants)
            throw new ArgumentException($"Layer '{Name}' ({ClassName}): cell '{Cell.Name}' ({Cell.ClassName}) does not accept constants; its Call has no constants overload.");
        NumConstants = count;
    }

    /// <summary>The inputs after the sequence, split into initial states and constants.</summary>
    internal (IReadOnlyList<T> InitialState, IReadOnlyList<T> Constants) SplitInputs<T>(IReadOnlyList<T> inputs)
    {
        if (inputs.Count < 1 + NumConstants)
            throw new ArgumentException($"Layer '{Name}' ({ClassName}) takes {NumConstants} constant(s) after the sequence and any initial states; it received {inputs.Count - 1} extra input(s). Pass them with ApplyMany(inputs, initialState, constants).");
        return (inputs.Skip(1).Take(inputs.Count - 1 - NumConstants).ToArray(), inputs.Skip(inputs.Count - NumConstants).ToArray());
    }

    /// <summary>Zeroes the carried states of a stateful layer.</summary>
    public void ResetStates()
    {
        RequireStateful();
        _statefulStates = null;
    }

    /// <summary>Sets the carried states of a stateful layer, one (batch, size) array per state.</summary>
    public void ResetStates(IReadOnlyList<Tensor> states)
    {
        RequireStateful();
        if (!Built || BuildInputShapes is not { } shapes)
            throw new InvalidOperationException($"Layer '{Name}' ({ClassName}) must be built (called once or given an input shape) before its states can be set.");
        CheckStates(states.Select(s => s.Shape).ToArray(), shapes[0][0], "ResetStates");
        _statefulStates = Detached(states);
    }

    /// <summary>A layer's whole-sequence kernel (LSTM, GRU): the call's outputs, or null to run the cell step by step.</summary>
    private protected virtual IReadOnlyList<Tensor>? CallFused(IReadOnlyList<Tensor> inputs, bool training, IReadOnlyList<Tensor?> masks) => null;

    protected internal override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training, IReadOnlyList<Tensor?> masks)
    {
        // The fused kernels take no constants; a cell given constants runs step by step (and refuses them if it must).
        if (NumConstants == 0 && CallFused(inputs, training, masks) is { } fused) return fused;
        var sequence = inputs[0];
        var batch = sequence.Shape[0];
        var timesteps = sequence.Shape[1];
        if (timesteps == 0)
            throw new ArgumentException($"Layer '{Name}' ({ClassName}) received a sequence with no timesteps: {sequence.Shape}.");
        var (initialState, constants) = SplitInputs(inputs);
        IReadOnlyList<Tensor> states = initialState.Count > 0 ? initialState
            : Stateful && _statefulStates is { } carried ? carried
            : Cell.StateSize.Select(size => Tensor.Zeros(batch, size)).ToArray();
        CheckStates(states.Select(s => s.Shape).ToArray(), batch, initialState.Count > 0 ? "initialState" : "carried states (a stateful layer keeps its batch size; call ResetStates() to change it)");

        var steps = Timesteps.Unstack(sequence);
        var keep = masks.Count > 0 && masks[0] is { } mask ? TimestepMasks(mask, batch, timesteps) : null;
        var outputs = new Tensor[timesteps];
        Tensor? previousOutput = null;
        try
        {
            for (var k = 0; k < timesteps; k++)
            {
                var t = GoBackwards ? timesteps - 1 - k : k;
                var (output, next) = constants.Count > 0 ? Cell.Call(steps[t], states, constants, training) : Cell.Call(steps[t], states, training);
                if (next.Count != states.Count)
                    throw new InvalidOperationException($"Cell '{Cell.Name}' returned {next.Count} states; its StateSize has {states.Count}.");
                if (keep is not null)
                {
                    previousOutput ??= Tensor.Zeros(output.Shape.ToArray());
                    // Keras: a masked step keeps the previous states and repeats the previous output.
                    next = next.Select((s, i) => Ops.Where(keep[t], s, states[i])).ToArray();
                    output = Ops.Where(keep[t], output, previousOutput);
                }
                previousOutput = output;
                outputs[k] = output;
                states = next;
            }
        }
        finally
        {
            Cell.ResetDropoutMasks();
        }
        if (Stateful) _statefulStates = Detached(states);

        if (keep is not null && ZeroOutputForMask)
        {
            for (var k = 0; k < timesteps; k++) outputs[k] = Ops.Where(keep[GoBackwards ? timesteps - 1 - k : k], outputs[k], 0f);
        }
        var result = ReturnSequences ? Ops.Stack(outputs, axis: 1) : outputs[^1];
        Tensor[] all = ReturnState ? [result, .. states] : [result];
        if (ActivityRegularizer is not null)
        {
            foreach (var output in all) AddLoss(ActivityRegularizer.Call(output));
        }
        return all;
    }

    public override IReadOnlyList<Shape> ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        var sequence = inputShapes[0];
        if (SplitInputs(inputShapes).InitialState is { Count: > 0 } initialState) CheckStates(initialState, sequence[0], "initialState");
        var output = ReturnSequences ? new Shape(sequence[0], sequence[1], Cell.OutputSize) : new Shape(sequence[0], Cell.OutputSize);
        return ReturnState ? [output, .. Cell.StateSize.Select(size => new Shape(sequence[0], size))] : [output];
    }

    public override IReadOnlyList<Tensor?> ComputeMask(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        var outputMask = ReturnSequences && masks.Count > 0 ? masks[0] : null;
        return ReturnState ? [outputMask, .. Cell.StateSize.Select(_ => (Tensor?)null)] : [outputMask];
    }

    /// <summary>The RNN's keys and the serialized cell (Keras's <c>RNN.get_config</c>).</summary>
    public override JsonObject GetConfig()
    {
        var config = RecurrentConfig();
        config["cell"] = LayerConfig.Serialize(Cell);
        // tf.keras's key; Keras 3 has no constants, so it is written only when used.
        if (NumConstants > 0) config["num_constants"] = NumConstants;
        return config;
    }

    private JsonObject RecurrentConfig()
    {
        var config = base.GetConfig();
        config["return_sequences"] = ReturnSequences;
        config["return_state"] = ReturnState;
        config["go_backwards"] = GoBackwards;
        config["stateful"] = Stateful;
        config["unroll"] = Unroll;
        config["zero_output_for_mask"] = ZeroOutputForMask;
        return config;
    }

    /// <summary>The config of a layer that owns its cell (SimpleRNN, LSTM, GRU): the RNN's keys then the cell's, as Keras writes them.</summary>
    protected JsonObject GetConfigWithCellArguments()
    {
        var config = RecurrentConfig();
        foreach (var (key, value) in Cell.GetConfig())
        {
            if (key is "name" or "trainable" or "dtype") continue;
            config[key] = value?.DeepClone();
            if (key == "bias_regularizer") config["activity_regularizer"] = LayerConfig.Serialize(ActivityRegularizer);
        }
        return config;
    }

    private void CheckStates(IReadOnlyList<Shape> states, int batch, string argument)
    {
        var sizes = Cell.StateSize;
        if (states.Count != sizes.Count)
            throw new ArgumentException($"Layer '{Name}' ({ClassName}): '{argument}' must hold {sizes.Count} state(s) of sizes [{string.Join(", ", sizes)}], got {states.Count}.");
        for (var i = 0; i < sizes.Count; i++)
        {
            var shape = states[i];
            // Unknown (symbolic) batch sizes match any batch.
            if (shape.Rank != 2 || shape[1] != sizes[i] || (batch >= 0 && shape[0] >= 0 && shape[0] != batch))
                throw new ArgumentException($"Layer '{Name}' ({ClassName}): '{argument}' state {i} must have shape ({(batch >= 0 ? batch : "batch")}, {sizes[i]}), got {shape}.");
        }
    }

    private void RequireStateful()
    {
        if (!Stateful)
            throw new InvalidOperationException($"Layer '{Name}' ({ClassName}) is not stateful: ResetStates needs a layer created with stateful: true.");
    }

    // Carried states are values, not part of any recorded graph (Keras keeps them in non-trainable variables).
    private static Tensor[] Detached(IReadOnlyList<Tensor> states) =>
        states.Select(s => Tensor.FromArray(s.ToArray(), s.Shape.ToArray())).ToArray();

    // One (batch, 1) float 0/1 column per timestep; masks are constants for the tape.
    private static Tensor[] TimestepMasks(Tensor mask, int batch, int timesteps)
    {
        if (mask.Shape.Rank != 2 || mask.Shape[0] != batch || mask.Shape[1] != timesteps)
            throw new ArgumentException($"RNN: the mask must have shape ({batch}, {timesteps}), got {mask.Shape}.");
        var values = mask.DType == DType.Int32 ? mask.AsIntSpan().ToArray().Select(v => v != 0 ? 1f : 0f).ToArray() : mask.AsSpan().ToArray().Select(v => v != 0 ? 1f : 0f).ToArray();
        var columns = new Tensor[timesteps];
        for (var t = 0; t < timesteps; t++)
        {
            var column = new float[batch];
            for (var b = 0; b < batch; b++) column[b] = values[b * timesteps + t];
            columns[t] = Tensor.FromArray(column, batch, 1);
        }
        return columns;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "RNN", c => new RNN(
        cell: c["cell"] is JsonObject cell
            ? KerasRegistry.Deserialize<RecurrentCell>(cell)
            : throw new FormatException("RNN config is missing the required key 'cell'."),
        returnSequences: LayerConfig.Bool(c, "return_sequences", false),
        returnState: LayerConfig.Bool(c, "return_state", false),
        goBackwards: LayerConfig.Bool(c, "go_backwards", false),
        stateful: LayerConfig.Bool(c, "stateful", false),
        unroll: LayerConfig.Bool(c, "unroll", false),
        zeroOutputForMask: LayerConfig.Bool(c, "zero_output_for_mask", false),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c))
    {
        NumConstants = c.GetInt("num_constants", 0, "RNN"),
    });
}
