using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Convolution;

/// <summary>
/// What the separable convolution layers share (Keras's <c>BaseSeparableConv</c>): the depthwise convolution, then a pointwise
/// (*ones, channels · depthMultiplier, filters) convolution that mixes the channels, then bias and activation.
/// </summary>
public abstract class BaseSeparableConv : BaseDepthwiseConv
{
    private Variable? _pointwiseKernel;

    private protected BaseSeparableConv(DepthwiseArguments a, PointwiseArguments p, string layer)
        : base(a, layer, "depthwise_kernel")
    {
        if (p.Filters <= 0)
            throw new ArgumentOutOfRangeException("filters", p.Filters, $"{layer}: 'filters' must be a positive integer, got {p.Filters}.");
        Filters = p.Filters;
        PointwiseInitializer = p.Initializer ?? new GlorotUniform();
        PointwiseRegularizer = p.Regularizer;
        PointwiseConstraint = p.Constraint;
    }

    /// <summary>Output channels of the pointwise step.</summary>
    public int Filters { get; }

    public Initializer PointwiseInitializer { get; }

    public Regularizer? PointwiseRegularizer { get; }

    public Constraint? PointwiseConstraint { get; }

    /// <summary>The (*ones, channels · depthMultiplier, filters) pointwise kernel; null until built.</summary>
    public Variable? PointwiseKernel => _pointwiseKernel;

    private protected override void BuildPointwise(int depthwiseChannels) =>
        _pointwiseKernel = AddWeight("pointwise_kernel", PointwiseKernelShape(depthwiseChannels), PointwiseInitializer, PointwiseRegularizer, PointwiseConstraint);

    private protected override int OutputChannels(int channels) => Filters;

    private protected override Tensor Convolve(Tensor x) =>
        Ops.SeparableConv(x, DepthwiseKernel!, _pointwiseKernel!, StrideSizes, Padding, DilationRates);

    private protected override Shape ConvolvedShape(Shape x) => OpShapes.SeparableConv(
        x, DepthwiseKernelShape(x[-1]), PointwiseKernelShape(x[-1] < 0 ? -1 : x[-1] * DepthMultiplier), StrideSizes, Padding, DilationRates);

    private Shape PointwiseKernelShape(int depthwiseChannels) => new([.. DepthwiseArguments.Ones(StrideSizes.Length), depthwiseChannels, Filters]);

    private protected override void AddPointwiseConfig(JsonObject config, string after)
    {
        switch (after)
        {
            case "depth_multiplier":
                config["filters"] = Filters;
                break;
            case "depthwise_initializer":
                config["pointwise_initializer"] = LayerConfig.Serialize(PointwiseInitializer);
                break;
            case "depthwise_regularizer":
                config["pointwise_regularizer"] = LayerConfig.Serialize(PointwiseRegularizer);
                break;
            case "depthwise_constraint":
                config["pointwise_constraint"] = LayerConfig.Serialize(PointwiseConstraint);
                break;
        }
    }

    /// <summary>The arguments only the separable layers have.</summary>
    private protected readonly record struct PointwiseArguments(int Filters, Initializer? Initializer, Regularizer? Regularizer, Constraint? Constraint)
    {
        public static PointwiseArguments FromConfig(JsonObject c, string layer) => new(
            LayerConfig.Int(c, "filters", layer),
            LayerConfig.Initializer(c, "pointwise_initializer"),
            LayerConfig.Regularizer(c, "pointwise_regularizer"),
            LayerConfig.Constraint(c, "pointwise_constraint"));
    }
}
