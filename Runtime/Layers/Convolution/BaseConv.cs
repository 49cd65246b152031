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
/// What the N-D convolution layers share (Keras's <c>BaseConv</c>): <c>activation(conv(inputs, kernel) + bias)</c> over 1, 2
/// or 3 spatial axes, with Keras 3's arguments, defaults, validation and config keys. The kernel is (*kernelSize,
/// channels / groups, filters) as Keras stores it, so weights move to and from Keras unchanged. channels_first inputs are
/// permuted to channels_last around the kernel. <see cref="BaseConvTranspose"/> reuses all of it with its own kernel and op.
/// </summary>
public abstract class BaseConv : Layer
{
    private readonly Func<Tensor, Tensor> _activation;
    private readonly int[] _kernelSize;
    private readonly int[] _strides;
    private readonly int[] _dilationRate;
    private Variable? _kernel;
    private Variable? _bias;

    private protected BaseConv(
        string className, int rank, int filters, int[] kernelSize, int[] strides, string padding, string? dataFormat,
        int[] dilationRate, int groups, string? activation, bool useBias,
        Initializer? kernelInitializer, Initializer? biasInitializer,
        Regularizer? kernelRegularizer, Regularizer? biasRegularizer, Regularizer? activityRegularizer,
        Constraint? kernelConstraint, Constraint? biasConstraint,
        string? name, bool trainable, DType dtype)
        : base(name, trainable, dtype)
    {
        Rank = rank;
        if (filters <= 0)
            throw new ArgumentOutOfRangeException(nameof(filters), filters, $"{className}: 'filters' must be a positive integer, got {filters}.");
        if (groups <= 0)
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"{className}: 'groups' must be a positive integer, got {groups}.");
        if (filters % groups != 0)
            throw new ArgumentException($"{className}: the number of filters must be evenly divisible by the number of groups; got filters={filters}, groups={groups}.", nameof(groups));
        Filters = filters;
        Groups = groups;
        _kernelSize = RequirePositive(className, nameof(kernelSize), kernelSize);
        _strides = RequirePositive(className, nameof(strides), strides);
        _dilationRate = RequirePositive(className, nameof(dilationRate), dilationRate);
        if (_strides.Max() > 1 && _dilationRate.Max() > 1)
            throw new ArgumentException(
                $"{className}: strides > 1 are not supported in conjunction with dilationRate > 1 (as in Keras); got strides {Format(_strides)} and dilationRate {Format(_dilationRate)}.");
        // Causal padding is Conv1D's alone (Keras's standardize_padding(allow_causal=rank == 1)).
        var allowCausal = rank == 1 && this is not BaseConvTranspose;
        var standard = padding?.ToLowerInvariant();
        if (standard is not ("valid" or "same") && !(allowCausal && standard == "causal"))
            throw new ArgumentException(
                $"{className}: argument 'padding' must be {(allowCausal ? "'valid', 'same' or 'causal'" : "'valid' or 'same'")}, got '{padding}'.", nameof(padding));
        Padding = standard!;
        DataFormat = Flatten.StandardizeDataFormat(dataFormat, className);
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
        InputSpec = new InputSpec(NDim: rank + 2);
    }

    /// <summary>A layer from a Keras config (the keys of <see cref="GetConfig"/>).</summary>
    private protected BaseConv(string className, int rank, JsonObject c)
        : this(className, rank,
            LayerConfig.Int(c, "filters", className),
            ConfigSizes(c, "kernel_size", rank, className) ?? throw new FormatException($"{className} config is missing the required key 'kernel_size'."),
            ConfigSizes(c, "strides", rank, className) ?? Ones(rank),
            LayerConfig.String(c, "padding", "valid")!,
            LayerConfig.String(c, "data_format"),
            ConfigSizes(c, "dilation_rate", rank, className) ?? Ones(rank),
            c.GetInt("groups", 1, className),
            LayerConfig.String(c, "activation"),
            LayerConfig.Bool(c, "use_bias", true),
            LayerConfig.Initializer(c, "kernel_initializer"),
            LayerConfig.Initializer(c, "bias_initializer"),
            LayerConfig.Regularizer(c, "kernel_regularizer"),
            LayerConfig.Regularizer(c, "bias_regularizer"),
            LayerConfig.Regularizer(c, "activity_regularizer"),
            LayerConfig.Constraint(c, "kernel_constraint"),
            LayerConfig.Constraint(c, "bias_constraint"),
            LayerConfig.Name(c), LayerConfig.Trainable(c), LayerConfig.DType(c))
    {
    }

    /// <summary>The number of spatial axes: 1, 2 or 3.</summary>
    public int Rank { get; }

    public int Filters { get; }

    /// <summary>"valid" or "same" ("causal" too for Conv1D).</summary>
    public string Padding { get; }

    /// <summary>"channels_last" (batch, *spatial, channels) or "channels_first" (batch, channels, *spatial).</summary>
    public string DataFormat { get; }

    /// <summary>Channel groups, each convolved with its own filters (1: every filter sees every channel).</summary>
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

    /// <summary>The kernel in Keras's layout; null until built.</summary>
    public Variable? Kernel => _kernel;

    /// <summary>The (filters,) bias; null until built or when <see cref="UseBias"/> is false.</summary>
    public Variable? Bias => _bias;

    private protected int[] KernelSizes => _kernelSize;

    private protected int[] StrideValues => _strides;

    private protected int[] DilationValues => _dilationRate;

    private bool ChannelsFirst => DataFormat == "channels_first";

    private int ChannelAxis => ChannelsFirst ? 1 : -1;

    public override void Build(Shape inputShape)
    {
        var channels = inputShape[ChannelAxis];
        if (channels < 0)
            throw new ArgumentException($"Layer '{Name}': the channel axis ({(ChannelsFirst ? "1" : "last")}) of the input must be known to build a {ClassName} layer; got shape {inputShape}.");
        if (channels % Groups != 0)
            throw new ArgumentException(
                $"Layer '{Name}': the number of input channels must be evenly divisible by the number of groups; got groups={Groups}, but the input has {channels} channels (full input shape {inputShape}).");
        ComputeOutputShape(inputShape);
        _kernel = AddWeight("kernel", KernelShape(channels), KernelInitializer, KernelRegularizer, KernelConstraint);
        if (UseBias) _bias = AddWeight("bias", new Shape(Filters), BiasInitializer, BiasRegularizer, BiasConstraint);
        InputSpec = new InputSpec(NDim: Rank + 2, Axes: new Dictionary<int, int> { [ChannelAxis] = channels });
    }

    protected internal override Tensor Call(Tensor inputs)
    {
        // The bias, and relu when it is the activation, are fused into the convolution's output pass.
        var fuseRelu = Activation == "relu";
        var x = Convolve(ChannelsFirst ? ChannelLayout.ToChannelsLast(inputs) : inputs, _kernel!, _bias?.Value, fuseRelu);
        if (ChannelsFirst) x = ChannelLayout.ToChannelsFirst(x);
        var y = fuseRelu ? x : _activation(x);
        if (ActivityRegularizer is not null) AddLoss(ActivityRegularizer.Call(y));
        return y;
    }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        InputSpec!.Check(Name, 0, inputShape);
        if (!ChannelsFirst) return OutputShape(inputShape);
        return ChannelLayout.ToChannelsFirst(OutputShape(ChannelLayout.ToChannelsLast(inputShape)));
    }

    /// <summary>The kernel's shape for inputs of <paramref name="channels"/> channels.</summary>
    private protected virtual Shape KernelShape(int channels) => new([.. _kernelSize, channels / Groups, Filters]);

    /// <summary>The convolution of channels_last <paramref name="x"/>, plus <paramref name="bias"/> when given, then relu when asked.</summary>
    private protected virtual Tensor Convolve(Tensor x, Tensor kernel, Tensor? bias, bool relu)
    {
        if (Padding != "causal") return Ops.FusedConv(x, kernel, bias, relu, _strides, Padding, _dilationRate);
        // Causal: (kernel - 1) * dilation zeros before the steps, then a 'valid' convolution, so output t sees no later step.
        return Ops.FusedConv(Ops.Pad(x, [(0, 0), (CausalPadding, 0), (0, 0)]), kernel, bias, relu, _strides, "valid", _dilationRate);
    }

    /// <summary>The output shape for a channels_last input shape.</summary>
    private protected virtual Shape OutputShape(Shape x)
    {
        var padded = x;
        if (Padding == "causal" && x[1] >= 0) padded = x.WithDim(1, x[1] + CausalPadding);
        return OpShapes.Conv(padded, new Shape([.. _kernelSize, x[-1] < 0 ? -1 : x[-1] / Groups, Filters]), _strides,
            Padding == "causal" ? "valid" : Padding, _dilationRate);
    }

    private int CausalPadding => (_kernelSize[0] - 1) * _dilationRate[0];

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["filters"] = Filters;
        config["kernel_size"] = LayerConfig.IntsToJson(_kernelSize);
        config["strides"] = LayerConfig.IntsToJson(_strides);
        config["padding"] = Padding;
        config["data_format"] = DataFormat;
        config["dilation_rate"] = LayerConfig.IntsToJson(_dilationRate);
        if (this is not BaseConvTranspose) config["groups"] = Groups;
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

    /// <summary>A Keras config value of <paramref name="rank"/> sizes: a list of that many ints or one int for all; null when absent.</summary>
    private protected static int[]? ConfigSizes(JsonObject config, string key, int rank, string layer) => config[key] switch
    {
        null => null,
        JsonValue v => Enumerable.Repeat(v.GetValue<int>(), rank).ToArray(),
        JsonArray a when a.Count == rank => a.Select(n => n!.GetValue<int>()).ToArray(),
        var other => throw new FormatException($"{layer} config: '{key}' must be an int or a list of {rank} ints, got {other.ToJsonString()}."),
    };

    private protected static int[] Ones(int rank) => Enumerable.Repeat(1, rank).ToArray();

    private protected static string Format(int[] values) => $"({string.Join(", ", values)})";

    private static int[] RequirePositive(string layer, string argument, int[] values) => values.All(v => v > 0)
        ? values
        : throw new ArgumentException($"{layer}: '{argument}' must be positive integers, got {Format(values)}.", argument);
}
