using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Convolution;

/// <summary>
/// 2-D separable convolution (Keras's <c>SeparableConv2D</c>) over (batch, height, width, channels) inputs (or (batch, channels, height, width) with channels_first): a depthwise
/// convolution by the (*kernelSize, channels, depthMultiplier) depthwise kernel, then a pointwise convolution by the
/// (*ones, channels · depthMultiplier, filters) pointwise kernel that mixes the channels, then bias and activation.
/// </summary>
public sealed class SeparableConv2D : BaseSeparableConv
{
    public SeparableConv2D(
        int filters,
        Size2D kernelSize,
        Size2D? strides = null,
        string padding = "valid",
        string? dataFormat = null,
        Size2D? dilationRate = null,
        int depthMultiplier = 1,
        string? activation = null,
        bool useBias = true,
        Initializer? depthwiseInitializer = null,
        Initializer? pointwiseInitializer = null,
        Initializer? biasInitializer = null,
        Regularizer? depthwiseRegularizer = null,
        Regularizer? pointwiseRegularizer = null,
        Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? depthwiseConstraint = null,
        Constraint? pointwiseConstraint = null,
        Constraint? biasConstraint = null,
        string? name = null,
        bool trainable = true,
        DType dtype = DType.Float32)
        : this(
            new DepthwiseArguments(depthMultiplier, kernelSize.ToArray(), (strides ?? 1).ToArray(), padding, dataFormat, (dilationRate ?? 1).ToArray(), activation, useBias,
                depthwiseInitializer, biasInitializer, depthwiseRegularizer, biasRegularizer, activityRegularizer, depthwiseConstraint, biasConstraint,
                name, trainable, dtype),
            new PointwiseArguments(filters, pointwiseInitializer, pointwiseRegularizer, pointwiseConstraint))
    {
    }

    private SeparableConv2D(DepthwiseArguments a, PointwiseArguments p)
        : base(a, p, "SeparableConv2D")
    {
    }

    public Size2D KernelSize => new(KernelSizes[0], KernelSizes[1]);

    public Size2D Strides => new(StrideSizes[0], StrideSizes[1]);

    public Size2D DilationRate => new(DilationRates[0], DilationRates[1]);

    internal static void Register() => KerasRegistry.Register("keras.layers", "SeparableConv2D", c => new SeparableConv2D(
        DepthwiseArguments.FromConfig(c, 2, "SeparableConv2D"), PointwiseArguments.FromConfig(c, "SeparableConv2D")));
}
