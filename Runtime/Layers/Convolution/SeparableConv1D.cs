using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Convolution;

/// <summary>
/// 1-D separable convolution (Keras's <c>SeparableConv1D</c>) over (batch, steps, channels) inputs (or (batch, channels, steps) with channels_first): a depthwise
/// convolution by the (*kernelSize, channels, depthMultiplier) depthwise kernel, then a pointwise convolution by the
/// (*ones, channels · depthMultiplier, filters) pointwise kernel that mixes the channels, then bias and activation.
/// </summary>
public sealed class SeparableConv1D : BaseSeparableConv
{
    public SeparableConv1D(
        int filters,
        int kernelSize,
        int strides = 1,
        string padding = "valid",
        string? dataFormat = null,
        int dilationRate = 1,
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
            new DepthwiseArguments(depthMultiplier, [kernelSize], [strides], padding, dataFormat, [dilationRate], activation, useBias,
                depthwiseInitializer, biasInitializer, depthwiseRegularizer, biasRegularizer, activityRegularizer, depthwiseConstraint, biasConstraint,
                name, trainable, dtype),
            new PointwiseArguments(filters, pointwiseInitializer, pointwiseRegularizer, pointwiseConstraint))
    {
    }

    private SeparableConv1D(DepthwiseArguments a, PointwiseArguments p)
        : base(a, p, "SeparableConv1D")
    {
    }

    public int KernelSize => KernelSizes[0];

    public int Strides => StrideSizes[0];

    public int DilationRate => DilationRates[0];

    internal static void Register() => KerasRegistry.Register("keras.layers", "SeparableConv1D", c => new SeparableConv1D(
        DepthwiseArguments.FromConfig(c, 1, "SeparableConv1D"), PointwiseArguments.FromConfig(c, "SeparableConv1D")));
}
