using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Recurrent;

/// <summary>
/// One timestep of a recurrent layer (Keras's RNN cell protocol): <see cref="StateSize"/> gives the size of each state,
/// <see cref="OutputSize"/> the size of the output, and <see cref="Call(Tensor, IReadOnlyList{Tensor}, bool)"/> maps
/// (inputs (batch, features), states) to (output, new states). <see cref="RNN"/> runs a cell over the time axis.
/// Cells with <c>dropout</c>/<c>recurrent_dropout</c> draw one mask per sequence, as Keras's <c>DropoutRNNCell</c> does.
/// </summary>
public abstract class RecurrentCell : Layer
{
    private readonly SeedGenerator? _seedGenerator;
    private Tensor? _dropoutMask;
    private Tensor? _recurrentDropoutMask;

    protected RecurrentCell(float dropout = 0f, float recurrentDropout = 0f, int? seed = null, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        if (dropout is < 0f or > 1f)
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"{GetType().Name}: 'dropout' must be in [0, 1], got {dropout}.");
        if (recurrentDropout is < 0f or > 1f)
            throw new ArgumentOutOfRangeException(nameof(recurrentDropout), recurrentDropout, $"{GetType().Name}: 'recurrent_dropout' must be in [0, 1], got {recurrentDropout}.");
        // Keras clamps to [0, 1] and treats 1 as "drop everything"; rates of exactly 1 are kept as given.
        Dropout = dropout;
        RecurrentDropout = recurrentDropout;
        Seed = seed;
        if (dropout > 0 || recurrentDropout > 0) _seedGenerator = new SeedGenerator(seed);
    }

    /// <summary>The size of each state, e.g. [units] for SimpleRNN and GRU, [units, units] (h, c) for LSTM.</summary>
    public abstract IReadOnlyList<int> StateSize { get; }

    /// <summary>The size of the output of one step.</summary>
    public abstract int OutputSize { get; }

    /// <summary>Fraction of the input units dropped (training only).</summary>
    public float Dropout { get; }

    /// <summary>Fraction of the recurrent state units dropped (training only).</summary>
    public float RecurrentDropout { get; }

    /// <summary>The seed of the dropout masks' random stream (null: drawn from the global generator).</summary>
    public int? Seed { get; }

    /// <summary>One timestep: inputs (batch, features) and the states of the previous step to the output and the new states.</summary>
    public abstract (Tensor Output, IReadOnlyList<Tensor> States) Call(Tensor inputs, IReadOnlyList<Tensor> states, bool training);

    /// <summary>
    /// One timestep with the RNN's constants (Keras's <c>constants=</c>, e.g. the memory an attention cell reads), the same tensors
    /// at every step. Cells that use constants override it, and <c>Build(IReadOnlyList&lt;Shape&gt;)</c> to see the constants'
    /// shapes after the step's.
    /// </summary>
    public virtual (Tensor Output, IReadOnlyList<Tensor> States) Call(Tensor inputs, IReadOnlyList<Tensor> states, IReadOnlyList<Tensor> constants, bool training) =>
        throw new InvalidOperationException(
            $"Cell '{Name}' ({ClassName}) does not accept constants, but its RNN was given {constants.Count}: override Call(inputs, states, constants, training) in the cell, or call the RNN without constants.");

    /// <summary>Whether the cell overrides the constants overload of <c>Call</c> (Keras checks for a <c>constants</c> argument).</summary>
    internal virtual bool AcceptsConstants =>
        GetType().GetMethod(nameof(Call), [typeof(Tensor), typeof(IReadOnlyList<Tensor>), typeof(IReadOnlyList<Tensor>), typeof(bool)])!.DeclaringType != typeof(RecurrentCell);

    protected internal override Tensor Call(Tensor inputs) =>
        throw new InvalidOperationException($"Cell '{Name}' ({ClassName}) processes one timestep with its states: call it through an RNN layer, e.g. new RNN({ClassName}(...)).");

    /// <summary>The inputs with the sequence's input dropout mask applied when training (unchanged otherwise).</summary>
    protected Tensor DropInputs(Tensor inputs, bool training) =>
        training && Dropout > 0f ? Ops.Multiply(inputs, _dropoutMask ??= MakeMask(inputs.Shape, Dropout)) : inputs;

    /// <summary>The previous state with the sequence's recurrent dropout mask applied when training (unchanged otherwise).</summary>
    protected Tensor DropRecurrent(Tensor state, bool training) =>
        training && RecurrentDropout > 0f ? Ops.Multiply(state, _recurrentDropoutMask ??= MakeMask(state.Shape, RecurrentDropout)) : state;

    /// <summary>Forgets the masks of the last sequence (called by the RNN after each call, as Keras's <c>reset_dropout_mask</c>).</summary>
    internal virtual void ResetDropoutMasks()
    {
        _dropoutMask = null;
        _recurrentDropoutMask = null;
    }

    // Keras: dropout(ones_like(step_input), rate): kept units are scaled by 1 / (1 - rate).
    private Tensor MakeMask(Shape shape, float rate) =>
        rate >= 1f ? Tensor.Zeros(shape.ToArray()) : GradientTape.NoRecord(() => Ops.Dropout(Tensor.Ones(shape.ToArray()), rate, seed: _seedGenerator));
}
