using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Convolution;

/// <summary>
/// 2-D depthwise convolution (Keras's <c>DepthwiseConv2D</c>): each channel of (batch, height, width, channels) inputs (or (batch, channels, height, width) with channels_first) is
/// convolved with its own <c>depthMultiplier</c> filters, giving channels · depthMultiplier outputs (channel c · depthMultiplier
/// + m), then bias and activation. The kernel is (*kernelSize, channels, depthMultiplier) and is named "kernel", as in Keras.
/// </summary>
public sealed class DepthwiseConv2D : BaseDepthwiseConv
{
    public DepthwiseConv2D(
        Size2D kernelSize,
        Size2D? strides = null,
        string padding = "valid",
        int depthMultiplier = 1,
        string? dataFormat = null,
        Size2D? dilationRate = null,
        string? activation = null,
        bool useBias = true,
        Initializer? depthwiseInitializer = null,
        Initializer? biasInitializer = null,
        Regularizer? depthwiseRegularizer = null,
        Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? depthwiseConstraint = null,
        Constraint? biasConstraint = null,
        string? name = null,
        bool trainable = true,
        DType dtype = DType.Float32)
        : this(new DepthwiseArguments(depthMultiplier, kernelSize.ToArray(), (strides ?? 1).ToArray(), padding, dataFormat, (dilationRate ?? 1).ToArray(), activation, useBias,
            depthwiseInitializer, biasInitializer, depthwiseRegularizer, biasRegularizer, activityRegularizer, depthwiseConstraint, biasConstraint,
            name, trainable, dtype))
    {
    }

    private DepthwiseConv2D(DepthwiseArguments a)
        : base(a, "DepthwiseConv2D", "kernel")
    {
    }

    public Size2D KernelSize => new(KernelSizes[0], KernelSizes[1]);

    public Size2D Strides => new(StrideSizes[0], StrideSizes[1]);

    public Size2D DilationRate => new(DilationRates[0], DilationRates[1]);

    /// <summary>The depthwise kernel under Keras's attribute name; null until built.</summary>
    public Variable? Kernel => DepthwiseKernel;

    internal static void Register() =>
        KerasRegistry.Register("keras.layers", "DepthwiseConv2D", c => new DepthwiseConv2D(DepthwiseArguments.FromConfig(c, 2, "DepthwiseConv2D")));
}
