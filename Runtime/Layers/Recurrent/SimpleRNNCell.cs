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
/// The cell of <see cref="SimpleRNN"/>: <c>h = activation(x·kernel + bias + h_prev·recurrent_kernel)</c>, the output being the
/// new state. Keras 3's weights: kernel (input_dim, units), recurrent_kernel (units, units), bias (units,).
/// </summary>
public sealed class SimpleRNNCell : RecurrentCell
{
    private readonly Func<Tensor, Tensor> _activation;
    private Variable? _kernel;
    private Variable? _recurrentKernel;
    private Variable? _bias;

    public SimpleRNNCell(
        int units,
        string? activation = "tanh",
        bool useBias = true,
        Initializer? kernelInitializer = null,
        Initializer? recurrentInitializer = null,
        Initializer? biasInitializer = null,
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
            throw new ArgumentOutOfRangeException(nameof(units), units, $"SimpleRNNCell: 'units' must be a positive integer, got {units}.");
        Units = units;
        Activation = activation ?? "linear";
        _activation = ActivationCatalog.Get(Activation);
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

    public override IReadOnlyList<int> StateSize => [Units];

    public override int OutputSize => Units;

    public override void Build(Shape inputShape)
    {
        var inputDim = RecurrentWeights.InputDim(this, inputShape);
        _kernel = AddWeight("kernel", new Shape(inputDim, Units), KernelInitializer, KernelRegularizer, KernelConstraint);
        _recurrentKernel = AddWeight("recurrent_kernel", new Shape(Units, Units), RecurrentInitializer, RecurrentRegularizer, RecurrentConstraint);
        if (UseBias) _bias = AddWeight("bias", new Shape(Units), BiasInitializer, BiasRegularizer, BiasConstraint);
    }

    public override (Tensor Output, IReadOnlyList<Tensor> States) Call(Tensor inputs, IReadOnlyList<Tensor> states, bool training)
    {
        var previous = DropRecurrent(states[0], training);
        var h = Ops.MatMul(DropInputs(inputs, training), _kernel!);
        if (_bias is not null) h = Ops.Add(h, _bias);
        var output = _activation(Ops.Add(h, Ops.MatMul(previous, _recurrentKernel!)));
        return (output, [output]);
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["units"] = Units;
        config["activation"] = Activation;
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = LayerConfig.Serialize(KernelInitializer);
        config["recurrent_initializer"] = LayerConfig.Serialize(RecurrentInitializer);
        config["bias_initializer"] = LayerConfig.Serialize(BiasInitializer);
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

    internal static SimpleRNNCell FromConfig(JsonObject c, string owner) => new(
        units: LayerConfig.Int(c, "units", owner),
        activation: LayerConfig.String(c, "activation", "tanh"),
        useBias: LayerConfig.Bool(c, "use_bias", true),
        kernelInitializer: LayerConfig.Initializer(c, "kernel_initializer"),
        recurrentInitializer: LayerConfig.Initializer(c, "recurrent_initializer"),
        biasInitializer: LayerConfig.Initializer(c, "bias_initializer"),
        kernelRegularizer: LayerConfig.Regularizer(c, "kernel_regularizer"),
        recurrentRegularizer: LayerConfig.Regularizer(c, "recurrent_regularizer"),
        biasRegularizer: LayerConfig.Regularizer(c, "bias_regularizer"),
        kernelConstraint: LayerConfig.Constraint(c, "kernel_constraint"),
        recurrentConstraint: LayerConfig.Constraint(c, "recurrent_constraint"),
        biasConstraint: LayerConfig.Constraint(c, "bias_constraint"),
        dropout: LayerConfig.Float(c, "dropout", 0f),
        recurrentDropout: LayerConfig.Float(c, "recurrent_dropout", 0f),
        seed: c.GetNullableInt("seed", owner),
        name: owner == "SimpleRNNCell" ? LayerConfig.Name(c) : null,
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c));

    internal static void Register() => KerasRegistry.Register("keras.layers", "SimpleRNNCell", c => FromConfig(c, "SimpleRNNCell"));
}
