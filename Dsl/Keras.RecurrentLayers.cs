using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Recurrent;
using NotebookKeras.Runtime.Regularizers;

namespace NotebookKeras.Dsl;

// Dropout rates are doubles here, so notebook code reads as Keras does (LSTM(64, dropout: 0.2)); the layers store float32.
public static partial class Keras
{
    /// <summary><c>keras.layers.SimpleRNN</c>: a fully-connected RNN whose output is fed back, e.g. <c>SimpleRNN(32)</c>.</summary>
    public static SimpleRNN SimpleRNN(
        int units, string? activation = "tanh", bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? recurrentRegularizer = null, Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? recurrentConstraint = null, Constraint? biasConstraint = null,
        double dropout = 0, double recurrentDropout = 0, int? seed = null,
        bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false, bool unroll = false,
        bool zeroOutputForMask = false, string? name = null, bool trainable = true) =>
        new(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, kernelRegularizer, recurrentRegularizer,
            biasRegularizer, activityRegularizer, kernelConstraint, recurrentConstraint, biasConstraint, (float)dropout, (float)recurrentDropout,
            seed, returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, name, trainable);

    /// <summary><c>keras.layers.LSTM</c>: Long Short-Term Memory, e.g. <c>LSTM(64, returnSequences: true)</c>.</summary>
    public static LSTM LSTM(
        int units, string? activation = "tanh", string? recurrentActivation = "sigmoid", bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        bool unitForgetBias = true,
        Regularizer? kernelRegularizer = null, Regularizer? recurrentRegularizer = null, Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? recurrentConstraint = null, Constraint? biasConstraint = null,
        double dropout = 0, double recurrentDropout = 0, int? seed = null,
        bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false, bool unroll = false,
        bool zeroOutputForMask = false, string? name = null, bool trainable = true) =>
        new(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, unitForgetBias,
            kernelRegularizer, recurrentRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, recurrentConstraint, biasConstraint,
            (float)dropout, (float)recurrentDropout, seed, returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, name, trainable);

    /// <summary><c>keras.layers.GRU</c>: Gated Recurrent Unit (reset gate after the recurrent projection by default), e.g. <c>GRU(32)</c>.</summary>
    public static GRU GRU(
        int units, string? activation = "tanh", string? recurrentActivation = "sigmoid", bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? recurrentRegularizer = null, Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? recurrentConstraint = null, Constraint? biasConstraint = null,
        double dropout = 0, double recurrentDropout = 0, bool resetAfter = true, int? seed = null,
        bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false, bool unroll = false,
        bool zeroOutputForMask = false, string? name = null, bool trainable = true) =>
        new(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
            kernelRegularizer, recurrentRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, recurrentConstraint, biasConstraint,
            (float)dropout, (float)recurrentDropout, resetAfter, seed, returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask,
            name, trainable);

    /// <summary><c>keras.layers.RNN</c>: runs any cell over the time axis, e.g. <c>RNN(new LSTMCell(8), returnSequences: true)</c>.</summary>
    public static RNN RNN(
        RecurrentCell cell, bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false,
        bool unroll = false, bool zeroOutputForMask = false, string? name = null, bool trainable = true) =>
        new(cell, returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, name, trainable);

    /// <summary><c>keras.layers.RNN</c> over stacked cells, e.g. <c>RNN([LSTMCell(32), LSTMCell(32)])</c>: each cell feeds the next within a timestep.</summary>
    public static RNN RNN(
        IReadOnlyList<RecurrentCell> cells, bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false,
        bool unroll = false, bool zeroOutputForMask = false, string? name = null, bool trainable = true) =>
        new(cells, returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, name, trainable);

    /// <summary><c>keras.layers.StackedRNNCells</c>: cells run one after the other in each timestep, as one cell for <see cref="RNN(RecurrentCell, bool, bool, bool, bool, bool, bool, string?, bool)"/>.</summary>
    public static StackedRNNCells StackedRNNCells(IReadOnlyList<RecurrentCell> cells, string? name = null) => new(cells, name);

    /// <summary><c>keras.layers.SimpleRNNCell</c>: one timestep of <see cref="SimpleRNN"/>, for <see cref="RNN"/>.</summary>
    public static SimpleRNNCell SimpleRNNCell(int units, string? activation = "tanh", bool useBias = true, double dropout = 0, double recurrentDropout = 0, int? seed = null, string? name = null) =>
        new(units, activation, useBias, dropout: (float)dropout, recurrentDropout: (float)recurrentDropout, seed: seed, name: name);

    /// <summary><c>keras.layers.LSTMCell</c>: one timestep of <see cref="LSTM"/>, for <see cref="RNN"/>.</summary>
    public static LSTMCell LSTMCell(int units, string? activation = "tanh", string? recurrentActivation = "sigmoid", bool useBias = true, bool unitForgetBias = true, double dropout = 0, double recurrentDropout = 0, int? seed = null, string? name = null) =>
        new(units, activation, recurrentActivation, useBias, unitForgetBias: unitForgetBias, dropout: (float)dropout, recurrentDropout: (float)recurrentDropout, seed: seed, name: name);

    /// <summary><c>keras.layers.GRUCell</c>: one timestep of <see cref="GRU"/>, for <see cref="RNN"/>.</summary>
    public static GRUCell GRUCell(int units, string? activation = "tanh", string? recurrentActivation = "sigmoid", bool useBias = true, double dropout = 0, double recurrentDropout = 0, bool resetAfter = true, int? seed = null, string? name = null) =>
        new(units, activation, recurrentActivation, useBias, dropout: (float)dropout, recurrentDropout: (float)recurrentDropout, resetAfter: resetAfter, seed: seed, name: name);

    /// <summary><c>keras.layers.Bidirectional</c>: runs a recurrent layer both ways and merges the outputs, e.g. <c>Bidirectional(LSTM(32))</c>.</summary>
    public static Bidirectional Bidirectional(RNN layer, string? mergeMode = "concat", RNN? backwardLayer = null, string? name = null, bool trainable = true) =>
        new(layer, mergeMode, backwardLayer, name, trainable);

    /// <summary><c>keras.layers.TimeDistributed</c>: applies a layer to every timestep, e.g. <c>TimeDistributed(Dense(8))</c>.</summary>
    public static TimeDistributed TimeDistributed(Layer layer, string? name = null, bool trainable = true) => new(layer, name, trainable);
}
