using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Convolution;

/// <summary>
/// 1-D depthwise convolution (Keras's <c>DepthwiseConv1D</c>): each channel of (batch, steps, channels) inputs (or (batch, channels, steps) with channels_first) is
/// convolved with its own <c>depthMultiplier</c> filters, giving channels · depthMultiplier outputs (channel c · depthMultiplier
/// + m), then bias and activation. The kernel is (*kernelSize, channels, depthMultiplier) and is named "kernel", as in Keras.
/// </summary>
public sealed class DepthwiseConv1D : BaseDepthwiseConv
{
    public DepthwiseConv1D(
        int kernelSize,
        int strides = 1,
        string padding = "valid",
        int depthMultiplier = 1,
        string? dataFormat = null,
        int dilationRate = 1,
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
        : this(new DepthwiseArguments(depthMultiplier, [kernelSize], [strides], padding, dataFormat, [dilationRate], activation, useBias,
            depthwiseInitializer, biasInitializer, depthwiseRegularizer, biasRegularizer, activityRegularizer, depthwiseConstraint, biasConstraint,
            name, trainable, dtype))
    {
    }

    private DepthwiseConv1D(DepthwiseArguments a)
        : base(a, "DepthwiseConv1D", "kernel")
    {
    }

    public int KernelSize => KernelSizes[0];

    public int Strides => StrideSizes[0];

    public int DilationRate => DilationRates[0];

    /// <summary>The depthwise kernel under Keras's attribute name; null until built.</summary>
    public Variable? Kernel => DepthwiseKernel;

    internal static void Register() =>
        KerasRegistry.Register("keras.layers", "DepthwiseConv1D", c => new DepthwiseConv1D(DepthwiseArguments.FromConfig(c, 1, "DepthwiseConv1D")));
}
