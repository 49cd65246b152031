using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Activations;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Recurrent;

/// <summary>
/// The cell of <see cref="LSTM"/> (Hochreiter 1997), Keras 3's layout: kernel (input_dim, 4·units), recurrent_kernel
/// (units, 4·units) and bias (4·units,) hold the gates in the order i, f, c, o; states are [h, c] and the output is h.
/// <c>unitForgetBias</c> initializes the forget gate's bias to ones.
/// </summary>
public sealed class LSTMCell : RecurrentCell
{
    private readonly Func<Tensor, Tensor> _activation;
    private readonly Func<Tensor, Tensor> _recurrentActivation;
    private Variable? _kernel;
    private Variable? _recurrentKernel;
    private Variable? _bias;

    public LSTMCell(
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
        Constraint? kernelConstraint = null,
        Constraint? recurrentConstraint = null,
        Constraint? biasConstraint = null,
        float dropout = 0f,
        float recurrentDropout = 0f,
        int? seed = null,
        string? name = null,
        bool trainable = true,
        DType dtype = DType.Float32)
        : base(dropout, recurrentDropout, seed, name, trainable, dtype)
    {
        if (units <= 0)
            throw new ArgumentOutOfRangeException(nameof(units), units, $"LSTMCell: 'units' must be a positive integer, got {units}.");
        Units = units;
        Activation = activation ?? "linear";
        _activation = ActivationCatalog.Get(Activation);
        RecurrentActivation = recurrentActivation ?? "linear";
        _recurrentActivation = ActivationCatalog.Get(RecurrentActivation);
        UnitForgetBias = unitForgetBias;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        RecurrentInitializer = recurrentInitializer ?? new Orthogonal();
        BiasInitializer = biasInitializer ?? new Zeros();
        KernelRegularizer = kernelRegularizer;
        RecurrentRegularizer = recurrentRegularizer;
        BiasRegularizer = biasRegularizer;
        KernelConstraint = kernelConstraint;
        RecurrentConstraint = recurrentConstraint;
        BiasConstraint = biasConstraint;
    }

    public int Units { get; }

    public string Activation { get; }

    public string RecurrentActivation { get; }

    public bool UnitForgetBias { get; }

    public bool UseBias { get; }

    public Initializer KernelInitializer { get; }

    public Initializer RecurrentInitializer { get; }

    public Initializer BiasInitializer { get; }

    public Regularizer? KernelRegularizer { get; }

    public Regularizer? RecurrentRegularizer { get; }

    public Regularizer? BiasRegularizer { get; }

    public Constraint? KernelConstraint { get; }

    public Constraint? RecurrentConstraint { get; }

    public Constraint? BiasConstraint { get; }

    public Variable? Kernel => _kernel;

    public Variable? RecurrentKernel => _recurrentKernel;

    public Variable? Bias => _bias;

    public override IReadOnlyList<int> StateSize => [Units, Units];

    public override int OutputSize => Units;

    public override void Build(Shape inputShape)
    {
        var inputDim = RecurrentWeights.InputDim(this, inputShape);
        _kernel = AddWeight("kernel", new Shape(inputDim, 4 * Units), KernelInitializer, KernelRegularizer, KernelConstraint);
        _recurrentKernel = AddWeight("recurrent_kernel", new Shape(Units, 4 * Units), RecurrentInitializer, RecurrentRegularizer, RecurrentConstraint);
        if (!UseBias) return;
        Initializer biasInitializer = UnitForgetBias ? new RecurrentWeights.UnitForgetBias(BiasInitializer, Units) : BiasInitializer;
        _bias = AddWeight("bias", new Shape(4 * Units), biasInitializer, BiasRegularizer, BiasConstraint);
    }

    public override (Tensor Output, IReadOnlyList<Tensor> States) Call(Tensor inputs, IReadOnlyList<Tensor> states, bool training)
    {
        var previousH = DropRecurrent(states[0], training);
        var previousC = states[1];
        var z = Ops.Add(Ops.MatMul(DropInputs(inputs, training), _kernel!), Ops.MatMul(previousH, _recurrentKernel!));
        if (_bias is not null) z = Ops.Add(z, _bias);
        var gates = Ops.Split(z, 4, axis: 1);
        var i = _recurrentActivation(gates[0]);
        var f = _recurrentActivation(gates[1]);
        var c = Ops.Add(Ops.Multiply(f, previousC), Ops.Multiply(i, _activation(gates[2])));
        var o = _recurrentActivation(gates[3]);
        var h = Ops.Multiply(o, _activation(c));
        return (h, [h, c]);
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["units"] = Units;
        config["activation"] = Activation;
        config["recurrent_activation"] = RecurrentActivation;
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = LayerConfig.Serialize(KernelInitializer);
        config["recurrent_initializer"] = LayerConfig.Serialize(RecurrentInitializer);
        config["bias_initializer"] = LayerConfig.Serialize(BiasInitializer);
        config["unit_forget_bias"] = UnitForgetBias;
        config["kernel_regularizer"] = LayerConfig.Serialize(KernelRegularizer);
        config["recurrent_regularizer"] = LayerConfig.Serialize(RecurrentRegularizer);
        config["bias_regularizer"] = LayerConfig.Serialize(BiasRegularizer);
        config["kernel_constraint"] = LayerConfig.Serialize(KernelConstraint);
        config["recurrent_constraint"] = LayerConfig.Serialize(RecurrentConstraint);
        config["bias_constraint"] = LayerConfig.Serialize(BiasConstraint);
        config["dropout"] = Dropout;
        config["recurrent_dropout"] = RecurrentDropout;
        config["seed"] = Seed;
        return config;
    }

    internal static LSTMCell FromConfig(JsonObject c, string owner) => new(
        units: LayerConfig.Int(c, "units", owner),
        activation: LayerConfig.String(c, "activation", "tanh"),
        recurrentActivation: LayerConfig.String(c, "recurrent_activation", "sigmoid"),
        useBias: LayerConfig.Bool(c, "use_bias", true),
        kernelInitializer: LayerConfig.Initializer(c, "kernel_initializer"),
        recurrentInitializer: LayerConfig.Initializer(c, "recurrent_initializer"),
        biasInitializer: LayerConfig.Initializer(c, "bias_initializer"),
        unitForgetBias: LayerConfig.Bool(c, "unit_forget_bias", true),
        kernelRegularizer: LayerConfig.Regularizer(c, "kernel_regularizer"),
        recurrentRegularizer: LayerConfig.Regularizer(c, "recurrent_regularizer"),
        biasRegularizer: LayerConfig.Regularizer(c, "bias_regularizer"),
        kernelConstraint: LayerConfig.Constraint(c, "kernel_constraint"),
        recurrentConstraint: LayerConfig.Constraint(c, "recurrent_constraint"),
        biasConstraint: LayerConfig.Constraint(c, "bias_constraint"),
        dropout: LayerConfig.Float(c, "dropout", 0f),
        recurrentDropout: LayerConfig.Float(c, "recurrent_dropout", 0f),
        seed: c.GetNullableInt("seed", owner),
        name: owner == "LSTMCell" ? LayerConfig.Name(c) : null,
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c));

    internal static void Register() => KerasRegistry.Register("keras.layers", "LSTMCell", c => FromConfig(c, "LSTMCell"));
}
