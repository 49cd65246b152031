using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Activations;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Core;

/// <summary>
/// The densely-connected layer: <c>output = activation(dot(input, kernel) + bias)</c>, kernel of shape (input_dim, units),
/// applied along the last axis of inputs of any rank >= 2. Keras 3's arguments and defaults.
/// </summary>
public sealed class Dense : Layer
{
    private readonly Func<Tensor, Tensor> _activation;
    private Variable? _kernel;
    private Variable? _bias;

    public Dense(
        int units,
        string? activation = null,
        bool useBias = true,
        Initializer? kernelInitializer = null,
        Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null,
        Regularizer? biasRegularizer = null,
        Constraint? kernelConstraint = null,
        Constraint? biasConstraint = null,
        string? name = null,
        bool trainable = true,
        DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        if (units <= 0)
            throw new ArgumentOutOfRangeException(nameof(units), units, $"Dense: 'units' must be a positive integer, got {units}.");
        Units = units;
        Activation = activation ?? "linear";
        _activation = ActivationCatalog.Get(Activation);
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        BiasInitializer = biasInitializer ?? new Zeros();
        KernelRegularizer = kernelRegularizer;
        BiasRegularizer = biasRegularizer;
        KernelConstraint = kernelConstraint;
        BiasConstraint = biasConstraint;
        InputSpec = new InputSpec(MinNDim: 2);
    }

    public int Units { get; }

    public override bool SupportsMasking => true;

    /// <summary>The activation's Keras name ("linear" when none).</summary>
    public string Activation { get; }

    public bool UseBias { get; }

    public Initializer KernelInitializer { get; }

    public Initializer BiasInitializer { get; }

    public Regularizer? KernelRegularizer { get; }

    public Regularizer? BiasRegularizer { get; }

    public Constraint? KernelConstraint { get; }

    public Constraint? BiasConstraint { get; }

    /// <summary>The (input_dim, units) weight matrix; null until built.</summary>
    public Variable? Kernel => _kernel;

    /// <summary>The (units,) bias; null until built or when <see cref="UseBias"/> is false.</summary>
    public Variable? Bias => _bias;

    public override void Build(Shape inputShape)
    {
        var inputDim = inputShape[-1];
        if (inputDim < 0)
            throw new ArgumentException($"Layer '{Name}': the last axis of the input must be known to build a Dense layer; got shape {inputShape}.");
        _kernel = AddWeight("kernel", new Shape(inputDim, Units), KernelInitializer, KernelRegularizer, KernelConstraint);
        if (UseBias) _bias = AddWeight("bias", new Shape(Units), BiasInitializer, BiasRegularizer, BiasConstraint);
        InputSpec = new InputSpec(MinNDim: 2, Axes: new Dictionary<int, int> { [-1] = inputDim });
    }

    protected internal override Tensor Call(Tensor inputs)
    {
        var x = Ops.MatMul(inputs, _kernel!);
        if (_bias is not null) x = Ops.Add(x, _bias);
        return _activation(x);
    }

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape.WithDim(-1, Units);

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["units"] = Units;
        config["activation"] = Activation;
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = LayerConfig.Serialize(KernelInitializer);
        config["bias_initializer"] = LayerConfig.Serialize(BiasInitializer);
        config["kernel_regularizer"] = LayerConfig.Serialize(KernelRegularizer);
        config["bias_regularizer"] = LayerConfig.Serialize(BiasRegularizer);
        config["kernel_constraint"] = LayerConfig.Serialize(KernelConstraint);
        config["bias_constraint"] = LayerConfig.Serialize(BiasConstraint);
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Dense", c => new Dense(
        units: LayerConfig.Int(c, "units", "Dense"),
        activation: LayerConfig.String(c, "activation"),
        useBias: LayerConfig.Bool(c, "use_bias", true),
        kernelInitializer: LayerConfig.Initializer(c, "kernel_initializer"),
        biasInitializer: LayerConfig.Initializer(c, "bias_initializer"),
        kernelRegularizer: LayerConfig.Regularizer(c, "kernel_regularizer"),
        biasRegularizer: LayerConfig.Regularizer(c, "bias_regularizer"),
        kernelConstraint: LayerConfig.Constraint(c, "kernel_constraint"),
        biasConstraint: LayerConfig.Constraint(c, "bias_constraint"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
