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
/// What depthwise and separable convolution layers share (Keras's <c>BaseDepthwiseConv</c>, and the depthwise half of
/// <c>BaseSeparableConv</c>): <c>activation(conv(inputs) + bias)</c> where each input channel is convolved with its own
/// <see cref="DepthMultiplier"/> filters of a (*kernelSize, channels, depthMultiplier) kernel, output channel
/// c · depthMultiplier + m, over 1 or 2 spatial axes, channels_last or channels_first.
/// </summary>
public abstract class BaseDepthwiseConv : Layer
{
    private readonly Func<Tensor, Tensor> _activation;
    private readonly string _layer;
    private Variable? _depthwiseKernel;
    private Variable? _bias;

    private protected BaseDepthwiseConv(DepthwiseArguments a, string layer, string kernelName)
        : base(a.Name, a.Trainable, a.DType)
    {
        _layer = layer;
        KernelName = kernelName;
        var rank = a.KernelSize.Length;
        if (a.DepthMultiplier <= 0)
            throw new ArgumentOutOfRangeException("depthMultiplier", a.DepthMultiplier, $"{layer}: 'depthMultiplier' must be a positive integer, got {a.DepthMultiplier}.");
        DepthMultiplier = a.DepthMultiplier;
        KernelSizes = WindowSizes.Require(a.KernelSize, rank, layer, "kernelSize");
        StrideSizes = WindowSizes.Require(a.Strides, rank, layer, "strides");
        DilationRates = WindowSizes.Require(a.DilationRate, rank, layer, "dilationRate");
        if (WindowSizes.AnyAboveOne(StrideSizes) && WindowSizes.AnyAboveOne(DilationRates))
            throw new ArgumentException(
                $"{layer}: strides > 1 are not supported in conjunction with dilationRate > 1 (as in Keras); got strides ({string.Join(", ", StrideSizes)}) and dilationRate ({string.Join(", ", DilationRates)}).");
        OpShapes.SamePadding(layer, a.Padding);
        Padding = a.Padding.ToLowerInvariant();
        DataFormat = Flatten.StandardizeDataFormat(a.DataFormat, layer);
        Activation = a.Activation ?? "linear";
        _activation = ActivationCatalog.Get(Activation);
        UseBias = a.UseBias;
        DepthwiseInitializer = a.DepthwiseInitializer ?? new GlorotUniform();
        BiasInitializer = a.BiasInitializer ?? new Zeros();
        DepthwiseRegularizer = a.DepthwiseRegularizer;
        BiasRegularizer = a.BiasRegularizer;
        ActivityRegularizer = a.ActivityRegularizer;
        DepthwiseConstraint = a.DepthwiseConstraint;
        BiasConstraint = a.BiasConstraint;
        InputSpec = new InputSpec(NDim: rank + 2);
    }

    /// <summary>Filters per input channel: the depthwise step has channels · depthMultiplier outputs.</summary>
    public int DepthMultiplier { get; }

    /// <summary>"valid" or "same".</summary>
    public string Padding { get; }

    /// <summary>"channels_last" (batch, *spatial, channels; the default) or "channels_first" (batch, channels, *spatial).</summary>
    public string DataFormat { get; }

    /// <summary>The activation's Keras name ("linear" when none).</summary>
    public string Activation { get; }

    public bool UseBias { get; }

    public Initializer DepthwiseInitializer { get; }

    public Initializer BiasInitializer { get; }

    public Regularizer? DepthwiseRegularizer { get; }

    public Regularizer? BiasRegularizer { get; }

    /// <summary>Penalty on the layer's outputs, added to its losses on every call.</summary>
    public Regularizer? ActivityRegularizer { get; }

    public Constraint? DepthwiseConstraint { get; }

    public Constraint? BiasConstraint { get; }

    /// <summary>The (*kernelSize, channels, depthMultiplier) depthwise kernel; null until built.</summary>
    public Variable? DepthwiseKernel => _depthwiseKernel;

    /// <summary>The bias, one per output channel; null until built or when <see cref="UseBias"/> is false.</summary>
    public Variable? Bias => _bias;

    private protected int[] KernelSizes { get; }

    private protected int[] StrideSizes { get; }

    private protected int[] DilationRates { get; }

    // Keras names the depthwise kernel "kernel" in DepthwiseConv and "depthwise_kernel" in SeparableConv.
    private string KernelName { get; }

    public override void Build(Shape inputShape)
    {
        var channelAxis = DataFormat == "channels_last" ? -1 : 1;
        var channels = inputShape[channelAxis];
        if (channels < 0)
            throw new ArgumentException($"Layer '{Name}': the channel axis ({channelAxis}) of the input must be known to build a {_layer} layer; got shape {inputShape}.");
        _depthwiseKernel = AddWeight(KernelName, new Shape([.. KernelSizes, channels, DepthMultiplier]), DepthwiseInitializer, DepthwiseRegularizer, DepthwiseConstraint);
        BuildPointwise(channels * DepthMultiplier);
        if (UseBias) _bias = AddWeight("bias", new Shape(OutputChannels(channels)), BiasInitializer, BiasRegularizer, BiasConstraint);
        InputSpec = new InputSpec(NDim: KernelSizes.Length + 2, Axes: new Dictionary<int, int> { [channelAxis] = channels });
    }

    /// <summary>Creates the weights after the depthwise kernel (the separable layers' pointwise kernel).</summary>
    private protected virtual void BuildPointwise(int depthwiseChannels)
    {
    }

    /// <summary>The number of output channels for an input with <paramref name="channels"/> channels.</summary>
    private protected virtual int OutputChannels(int channels) => channels * DepthMultiplier;

    /// <summary>The convolution of channels_last inputs by the layer's kernels (no bias, no activation).</summary>
    private protected virtual Tensor Convolve(Tensor x) => Ops.DepthwiseConv(x, _depthwiseKernel!, StrideSizes, Padding, DilationRates);

    /// <summary>The shape rule of <see cref="Convolve"/> for a channels_last input shape.</summary>
    private protected virtual Shape ConvolvedShape(Shape x) =>
        OpShapes.DepthwiseConv(x, DepthwiseKernelShape(x[-1]), StrideSizes, Padding, DilationRates);

    private protected Shape DepthwiseKernelShape(int channels) => new([.. KernelSizes, channels, DepthMultiplier]);

    protected internal override Tensor Call(Tensor inputs)
    {
        var y = ChannelLayout.Apply(inputs, DataFormat, x =>
        {
            var z = Convolve(x);
            return _activation(_bias is null ? z : Ops.Add(z, _bias));
        });
        if (ActivityRegularizer is not null) AddLoss(ActivityRegularizer.Call(y));
        return y;
    }

    public override Shape ComputeOutputShape(Shape inputShape) => ChannelLayout.Apply(inputShape, DataFormat, ConvolvedShape);

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["depth_multiplier"] = DepthMultiplier;
        AddPointwiseConfig(config, "depth_multiplier");
        config["kernel_size"] = LayerConfig.IntsToJson(KernelSizes);
        config["strides"] = LayerConfig.IntsToJson(StrideSizes);
        config["padding"] = Padding;
        config["data_format"] = DataFormat;
        config["dilation_rate"] = LayerConfig.IntsToJson(DilationRates);
        config["activation"] = Activation;
        config["use_bias"] = UseBias;
        config["depthwise_initializer"] = LayerConfig.Serialize(DepthwiseInitializer);
        AddPointwiseConfig(config, "depthwise_initializer");
        config["bias_initializer"] = LayerConfig.Serialize(BiasInitializer);
        config["depthwise_regularizer"] = LayerConfig.Serialize(DepthwiseRegularizer);
        AddPointwiseConfig(config, "depthwise_regularizer");
        config["bias_regularizer"] = LayerConfig.Serialize(BiasRegularizer);
        config["activity_regularizer"] = LayerConfig.Serialize(ActivityRegularizer);
        config["depthwise_constraint"] = LayerConfig.Serialize(DepthwiseConstraint);
        AddPointwiseConfig(config, "depthwise_constraint");
        config["bias_constraint"] = LayerConfig.Serialize(BiasConstraint);
        return config;
    }

    /// <summary>Adds the separable layers' keys that Keras writes right after <paramref name="after"/>.</summary>
    private protected virtual void AddPointwiseConfig(JsonObject config, string after)
    {
    }

    /// <summary>The constructor arguments the depthwise and separable layers share, as int arrays of the layer's rank.</summary>
    private protected readonly record struct DepthwiseArguments(
        int DepthMultiplier, int[] KernelSize, int[] Strides, string Padding, string? DataFormat, int[] DilationRate,
        string? Activation, bool UseBias, Initializer? DepthwiseInitializer, Initializer? BiasInitializer,
        Regularizer? DepthwiseRegularizer, Regularizer? BiasRegularizer, Regularizer? ActivityRegularizer,
        Constraint? DepthwiseConstraint, Constraint? BiasConstraint, string? Name, bool Trainable, DType DType)
    {
        /// <summary>The shared arguments from a Keras config of a layer of <paramref name="rank"/> spatial axes.</summary>
        public static DepthwiseArguments FromConfig(JsonObject c, int rank, string layer) => new(
            c["depth_multiplier"] is null ? 1 : LayerConfig.Int(c, "depth_multiplier", layer),
            WindowSizes.FromConfig(c, "kernel_size", rank, layer) ?? throw new FormatException($"{layer} config is missing the required key 'kernel_size'."),
            WindowSizes.FromConfig(c, "strides", rank, layer) ?? Ones(rank),
            LayerConfig.String(c, "padding", "valid")!,
            LayerConfig.String(c, "data_format"),
            WindowSizes.FromConfig(c, "dilation_rate", rank, layer) ?? Ones(rank),
            LayerConfig.String(c, "activation"),
            LayerConfig.Bool(c, "use_bias", true),
            LayerConfig.Initializer(c, "depthwise_initializer"),
            LayerConfig.Initializer(c, "bias_initializer"),
            LayerConfig.Regularizer(c, "depthwise_regularizer"),
            LayerConfig.Regularizer(c, "bias_regularizer"),
            LayerConfig.Regularizer(c, "activity_regularizer"),
            LayerConfig.Constraint(c, "depthwise_constraint"),
            LayerConfig.Constraint(c, "bias_constraint"),
            LayerConfig.Name(c),
            LayerConfig.Trainable(c),
            LayerConfig.DType(c));

        public static int[] Ones(int rank) => Enumerable.Repeat(1, rank).ToArray();
    }
}
