using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Recurrent;

/// <summary>Fully-connected RNN whose output is fed back as its state (Keras's <c>SimpleRNN</c>), running a <see cref="SimpleRNNCell"/>.</summary>
public sealed class SimpleRNN : RNN
{
    public SimpleRNN(
        int units,
        string? activation = "tanh",
        bool useBias = true,
        Initializer? kernelInitializer = null,
        Initializer? recurrentInitializer = null,
        Initializer? biasInitializer = null,
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
        : base(new SimpleRNNCell(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, kernelRegularizer, recurrentRegularizer, biasRegularizer, kernelConstraint, recurrentConstraint, biasConstraint, dropout, recurrentDropout, seed, "simple_rnn_cell", trainable, dtype), returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, activityRegularizer, name, trainable, dtype)
    {
    }

    /// <summary>The cell this layer runs, with its weights.</summary>
    public new SimpleRNNCell Cell => (SimpleRNNCell)base.Cell;

    public int Units => Cell.Units;

    public override JsonObject GetConfig() => GetConfigWithCellArguments();

    internal static new void Register() => KerasRegistry.Register("keras.layers", "SimpleRNN", c =>
    {
        var cell = SimpleRNNCell.FromConfig(c, "SimpleRNN");
        return new SimpleRNN(cell.Units, cell.Activation, cell.UseBias, cell.KernelInitializer, cell.RecurrentInitializer, cell.BiasInitializer,
            cell.KernelRegularizer, cell.RecurrentRegularizer, cell.BiasRegularizer, LayerConfig.Regularizer(c, "activity_regularizer"), cell.KernelConstraint, cell.RecurrentConstraint, cell.BiasConstraint,
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
