using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Activations;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Convolution;

/// <summary>
/// 2-D convolution (Keras's <c>Conv2D</c>): <c>activation(conv(inputs, kernel) + bias)</c> over (batch, height, width,
/// channels) inputs, kernel of shape (kernelHeight, kernelWidth, channels, filters) as Keras stores it, so weights move to and
/// from Keras unchanged. Keras 3's arguments and defaults; channels_first and grouped convolution are not supported yet.
/// </summary>
public sealed class Conv2D : Layer
{
    private readonly Func<Tensor, Tensor> _activation;
    private Variable? _kernel;
    private Variable? _bias;

    public Conv2D(
        int filters,
        Size2D kernelSize,
        Size2D? strides = null,
        string padding = "valid",
        string? dataFormat = null,
        Size2D? dilationRate = null,
        int groups = 1,
        string? activation = null,
        bool useBias = true,
        Initializer? kernelInitializer = null,
        Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null,
        Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null,
        Constraint? biasConstraint = null,
        string? name = null,
        bool trainable = true,
        DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        const string Layer = "Conv2D";
        if (filters <= 0)
            throw new ArgumentOutOfRangeException(nameof(filters), filters, $"{Layer}: 'filters' must be a positive integer, got {filters}.");
        Filters = filters;
        KernelSize = kernelSize.RequirePositive(Layer, nameof(kernelSize));
        Strides = (strides ?? 1).RequirePositive(Layer, nameof(strides));
        DilationRate = (dilationRate ?? 1).RequirePositive(Layer, nameof(dilationRate));
        if ((Strides.Height > 1 || Strides.Width > 1) && (DilationRate.Height > 1 || DilationRate.Width > 1))
            throw new ArgumentException($"{Layer}: strides > 1 are not supported in conjunction with dilationRate > 1 (as in Keras); got strides {Strides} and dilationRate {DilationRate}.");
        OpShapes.SamePadding(Layer, padding);
        Padding = padding.ToLowerInvariant();
        DataFormat = Flatten.StandardizeDataFormat(dataFormat, Layer);
        if (DataFormat == "channels_first")
            throw new NotSupportedException($"{Layer}: dataFormat 'channels_first' is not supported yet; use 'channels_last' (batch, height, width, channels).");
        if (groups != 1)
            throw new NotSupportedException($"{Layer}: grouped convolution (groups={groups}) is not supported yet; use groups=1.");
        Groups = groups;
        Activation = activation ?? "linear";
        _activation = ActivationCatalog.Get(Activation);
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        BiasInitializer = biasInitializer ?? new Zeros();
        KernelRegularizer = kernelRegularizer;
        BiasRegularizer = biasRegularizer;
        ActivityRegularizer = activityRegularizer;
        KernelConstraint = kernelConstraint;
        BiasConstraint = biasConstraint;
        InputSpec = new InputSpec(NDim: 4);
    }

    public int Filters { get; }

    public Size2D KernelSize { get; }

    public Size2D Strides { get; }

    /// <summary>"valid" or "same".</summary>
    public string Padding { get; }

    /// <summary>"channels_last" (the only supported format for now).</summary>
    public string DataFormat { get; }

    public Size2D DilationRate { get; }

    public int Groups { get; }

    /// <summary>The activation's Keras name ("linear" when none).</summary>
    public string Activation { get; }

    public bool UseBias { get; }

    public Initializer KernelInitializer { get; }

    public Initializer BiasInitializer { get; }

    public Regularizer? KernelRegularizer { get; }

    public Regularizer? BiasRegularizer { get; }

    /// <summary>Penalty on the layer's outputs, added to its losses on every call.</summary>
    public Regularizer? ActivityRegularizer { get; }

    public Constraint? KernelConstraint { get; }

    public Constraint? BiasConstraint { get; }

    /// <summary>The (kernelHeight, kernelWidth, channels, filters) kernel; null until built.</summary>
    public Variable? Kernel => _kernel;

    /// <summary>The (filters,) bias; null until built or when <see cref="UseBias"/> is false.</summary>
    public Variable? Bias => _bias;

    public override void Build(Shape inputShape)
    {
        var channels = inputShape[-1];
        if (channels < 0)
            throw new ArgumentException($"Layer '{Name}': the channel axis (last) of the input must be known to build a Conv2D layer; got shape {inputShape}.");
        _kernel = AddWeight("kernel", new Shape(KernelSize.Height, KernelSize.Width, channels, Filters), KernelInitializer, KernelRegularizer, KernelConstraint);
        if (UseBias) _bias = AddWeight("bias", new Shape(Filters), BiasInitializer, BiasRegularizer, BiasConstraint);
        InputSpec = new InputSpec(NDim: 4, Axes: new Dictionary<int, int> { [-1] = channels });
    }

    protected internal override Tensor Call(Tensor inputs)
    {
        // The bias, and relu when it is the activation, are fused into the convolution's output pass.
        var fuseRelu = Activation == "relu";
        var x = Ops.FusedConv(inputs, _kernel!, _bias?.Value, fuseRelu, Strides.ToArray(), Padding, DilationRate.ToArray());
        var y = fuseRelu ? x : _activation(x);
        if (ActivityRegularizer is not null) AddLoss(ActivityRegularizer.Call(y));
        return y;
    }

    public override Shape ComputeOutputShape(Shape inputShape) =>
        OpShapes.Conv(inputShape, new Shape(KernelSize.Height, KernelSize.Width, inputShape[-1], Filters),
            Strides.ToArray(), Padding, DilationRate.ToArray());

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["filters"] = Filters;
        config["kernel_size"] = KernelSize.ToJson();
        config["strides"] = Strides.ToJson();
        config["padding"] = Padding;
        config["data_format"] = DataFormat;
        config["dilation_rate"] = DilationRate.ToJson();
        config["groups"] = Groups;
        config["activation"] = Activation;
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = LayerConfig.Serialize(KernelInitializer);
        config["bias_initializer"] = LayerConfig.Serialize(BiasInitializer);
        config["kernel_regularizer"] = LayerConfig.Serialize(KernelRegularizer);
        config["bias_regularizer"] = LayerConfig.Serialize(BiasRegularizer);
        config["activity_regularizer"] = LayerConfig.Serialize(ActivityRegularizer);
        config["kernel_constraint"] = LayerConfig.Serialize(KernelConstraint);
        config["bias_constraint"] = LayerConfig.Serialize(BiasConstraint);
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Conv2D", c => new Conv2D(
        filters: LayerConfig.Int(c, "filters", "Conv2D"),
        kernelSize: Size2D.FromConfig(c, "kernel_size", "Conv2D") ?? throw new FormatException("Conv2D config is missing the required key 'kernel_size'."),
        strides: Size2D.FromConfig(c, "strides", "Conv2D"),
        padding: LayerConfig.String(c, "padding", "valid")!,
        dataFormat: LayerConfig.String(c, "data_format"),
        dilationRate: Size2D.FromConfig(c, "dilation_rate", "Conv2D"),
        groups: c.GetInt("groups", 1, "Conv2D"),
        activation: LayerConfig.String(c, "activation"),
        useBias: LayerConfig.Bool(c, "use_bias", true),
        kernelInitializer: LayerConfig.Initializer(c, "kernel_initializer"),
        biasInitializer: LayerConfig.Initializer(c, "bias_initializer"),
        kernelRegularizer: LayerConfig.Regularizer(c, "kernel_regularizer"),
        biasRegularizer: LayerConfig.Regularizer(c, "bias_regularizer"),
        activityRegularizer: LayerConfig.Regularizer(c, "activity_regularizer"),
        kernelConstraint: LayerConfig.Constraint(c, "kernel_constraint"),
        biasConstraint: LayerConfig.Constraint(c, "bias_constraint"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
