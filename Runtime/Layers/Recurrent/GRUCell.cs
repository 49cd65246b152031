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
/// The cell of <see cref="GRU"/> (Cho 2014), Keras 3's layout: kernel (input_dim, 3·units) and recurrent_kernel (units, 3·units)
/// hold the gates in the order z (update), r (reset), h (candidate). With <c>resetAfter</c> (the default, cuDNN-compatible) the
/// reset gate multiplies the recurrent projection and the bias is (2, 3·units) (input bias, recurrent bias); without it the
/// reset gate multiplies the previous state before the projection and the bias is (3·units,).
/// </summary>
public sealed class GRUCell : RecurrentCell
{
    private readonly Func<Tensor, Tensor> _activation;
    private readonly Func<Tensor, Tensor> _recurrentActivation;
    private Variable? _kernel;
    private Variable? _recurrentKernel;
    private Variable? _bias;

    public GRUCell(
        int units,
        string? activation = "tanh",
        string? recurrentActivation = "sigmoid",
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
        bool resetAfter = true,
        int? seed = null,
        string? name = null,
        bool trainable = true,
        DType dtype = DType.Float32)
        : base(dropout, recurrentDropout, seed, name, trainable, dtype)
    {
        if (units <= 0)
            throw new ArgumentOutOfRangeException(nameof(units), units, $"GRUCell: 'units' must be a positive integer, got {units}.");
        Units = units;
        Activation = activation ?? "linear";
        _activation = ActivationCatalog.Get(Activation);
        RecurrentActivation = recurrentActivation ?? "linear";
        _recurrentActivation = ActivationCatalog.Get(RecurrentActivation);
        ResetAfter = resetAfter;
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

    /// <summary>Whether the reset gate applies after the recurrent projection (Keras 3's default).</summary>
    public bool ResetAfter { get; }

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
        _kernel = AddWeight("kernel", new Shape(inputDim, 3 * Units), KernelInitializer, KernelRegularizer, KernelConstraint);
        _recurrentKernel = AddWeight("recurrent_kernel", new Shape(Units, 3 * Units), RecurrentInitializer, RecurrentRegularizer, RecurrentConstraint);
        if (UseBias) _bias = AddWeight("bias", ResetAfter ? new Shape(2, 3 * Units) : new Shape(3 * Units), BiasInitializer, BiasRegularizer, BiasConstraint);
    }

    public override (Tensor Output, IReadOnlyList<Tensor> States) Call(Tensor inputs, IReadOnlyList<Tensor> states, bool training)
    {
        var previous = DropRecurrent(states[0], training);
        Tensor? inputBias = null, recurrentBias = null;
        if (_bias is not null)
        {
            if (ResetAfter) (inputBias, recurrentBias) = Ops.Split(_bias, 2, axis: 0) is [var b0, var b1] ? (b0, b1) : default;
            else inputBias = _bias;
        }
        var projected = Ops.MatMul(DropInputs(inputs, training), _kernel!);
        if (inputBias is not null) projected = Ops.Add(projected, inputBias);
        var x = Ops.Split(projected, 3, axis: 1);
        Tensor z, r, candidate;
        if (ResetAfter)
        {
            var inner = Ops.MatMul(previous, _recurrentKernel!);
            if (recurrentBias is not null) inner = Ops.Add(inner, recurrentBias);
            var rec = Ops.Split(inner, 3, axis: 1);
            z = _recurrentActivation(Ops.Add(x[0], rec[0]));
            r = _recurrentActivation(Ops.Add(x[1], rec[1]));
            candidate = Ops.Multiply(r, rec[2]);
        }
        else
        {
            var kernels = Ops.Split(_recurrentKernel!, [2 * Units], axis: 1);
            var rec = Ops.Split(Ops.MatMul(previous, kernels[0]), 2, axis: 1);
            z = _recurrentActivation(Ops.Add(x[0], rec[0]));
            r = _recurrentActivation(Ops.Add(x[1], rec[1]));
            candidate = Ops.MatMul(Ops.Multiply(r, previous), kernels[1]);
        }
        var hh = _activation(Ops.Add(x[2], candidate));
        // h = z·h_prev + (1 - z)·hh, written as hh + z·(h_prev - hh).
        var h = Ops.Add(hh, Ops.Multiply(z, Ops.Subtract(previous, hh)));
        return (h, [h]);
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
        config["kernel_regularizer"] = LayerConfig.Serialize(KernelRegularizer);
        config["recurrent_regularizer"] = LayerConfig.Serialize(RecurrentRegularizer);
        config["bias_regularizer"] = LayerConfig.Serialize(BiasRegularizer);
        config["kernel_constraint"] = LayerConfig.Serialize(KernelConstraint);
        config["recurrent_constraint"] = LayerConfig.Serialize(RecurrentConstraint);
        config["bias_constraint"] = LayerConfig.Serialize(BiasConstraint);
        config["dropout"] = Dropout;
        config["recurrent_dropout"] = RecurrentDropout;
        config["reset_after"] = ResetAfter;
        config["seed"] = Seed;
        return config;
    }

    internal static GRUCell FromConfig(JsonObject c, string owner) => new(
        units: LayerConfig.Int(c, "units", owner),
        activation: LayerConfig.String(c, "activation", "tanh"),
        recurrentActivation: LayerConfig.String(c, "recurrent_activation", "sigmoid"),
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
        resetAfter: LayerConfig.Bool(c, "reset_after", true),
        seed: c.GetNullableInt("seed", owner),
        name: owner == "GRUCell" ? LayerConfig.Name(c) : null,
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c));

    internal static void Register() => KerasRegistry.Register("keras.layers", "GRUCell", c => FromConfig(c, "GRUCell"));
}
