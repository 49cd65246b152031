using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Recurrent;

/// <summary>Long Short-Term Memory layer (Keras's <c>LSTM</c>), running an <see cref="LSTMCell"/> (gates i, f, c, o; states [h, c]).</summary>
public sealed class LSTM : RNN
{
    public LSTM(
        int units,
        string? activation = "tanh",
        string? recurrentActivation = "sigmoid",
        bool useBias = true,
        Initializer? kernelInitializer = null,
        Initializer? recurrentInitializer = null,
        Initializer? biasInitializer = null,
        bool unitForgetBias = true,
        Regularizer? kernelRegularizer = null,
        Regularizer? recurrentRegularizer = null,
        Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null,
        Constraint? recurrentConstraint = null,
        Constraint? biasConstraint = null,
        float dropout = 0f,
        float recurrentDropout = 0f,
        int? seed = null,
        bool returnSequences = false,
        bool returnState = false,
        bool goBackwards = false,
        bool stateful = false,
        bool unroll = false,
        bool zeroOutputForMask = false,
        string? name = null,
        bool trainable = true,
        DType dtype = DType.Float32)
        : base(new LSTMCell(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, unitForgetBias, kernelRegularizer, recurrentRegularizer, biasRegularizer, kernelConstraint, recurrentConstraint, biasConstraint, dropout, recurrentDropout, seed, "lstm_cell", trainable, dtype), returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, activityRegularizer, name, trainable, dtype)
    {
    }

    /// <summary>The cell this layer runs, with its weights.</summary>
    public new LSTMCell Cell => (LSTMCell)base.Cell;

    public int Units => Cell.Units;

    public override JsonObject GetConfig() => GetConfigWithCellArguments();

    private protected override IReadOnlyList<Tensor>? CallFused(IReadOnlyList<Tensor> inputs, bool training, IReadOnlyList<Tensor?> masks)
    {
        var cell = Cell;
        if (!FusedSequence.Supports(cell.Activation, cell.RecurrentActivation, cell, training)) return null;
        return FusedSequence.Run(this, inputs, masks, (x, states, keep) =>
        {
            var outputs = Ops.LstmSequence(x, states[0], states[1], cell.Kernel!, cell.RecurrentKernel!, cell.Bias?.Value, keep, GoBackwards, ReturnSequences, ZeroOutputForMask);
            return (outputs[0], [outputs[1], outputs[2]]);
        }, AddLoss);
    }

    internal static new void Register() => KerasRegistry.Register("keras.layers", "LSTM", c =>
    {
        var cell = LSTMCell.FromConfig(c, "LSTM");
        return new LSTM(cell.Units, cell.Activation, cell.RecurrentActivation, cell.UseBias, cell.KernelInitializer, cell.RecurrentInitializer, cell.BiasInitializer,
            cell.UnitForgetBias, cell.KernelRegularizer, cell.RecurrentRegularizer, cell.BiasRegularizer, LayerConfig.Regularizer(c, "activity_regularizer"), cell.KernelConstraint, cell.RecurrentConstraint, cell.BiasConstraint,
            cell.Dropout, cell.RecurrentDropout, cell.Seed,
            returnSequences: LayerConfig.Bool(c, "return_sequences", false),
            returnState: LayerConfig.Bool(c, "return_state", false),
            goBackwards: LayerConfig.Bool(c, "go_backwards", false),
            stateful: LayerConfig.Bool(c, "stateful", false),
            unroll: LayerConfig.Bool(c, "unroll", false),
            zeroOutputForMask: LayerConfig.Bool(c, "zero_output_for_mask", false),
            name: LayerConfig.Name(c),
            trainable: LayerConfig.Trainable(c),
            dtype: LayerConfig.DType(c));
    });
}
