using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Convolution;

/// <summary>
/// 2-D convolution (Keras's <c>Conv2D</c>): <c>activation(conv(inputs, kernel) + bias)</c> over (batch, height, width,
/// channels) inputs (or (batch, channels, height, width) with channels_first), kernel of shape (kernelHeight, kernelWidth,
/// channels / groups, filters) as Keras stores it, so weights move to and from Keras unchanged.
/// </summary>
public sealed class Conv2D : BaseConv
{
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
        : base("Conv2D", 2, filters, kernelSize.ToArray(), (strides ?? 1).ToArray(), padding, dataFormat, (dilationRate ?? 1).ToArray(),
            groups, activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer,
            kernelConstraint, biasConstraint, name, trainable, dtype)
    {
    }

    private Conv2D(JsonObject config) : base("Conv2D", 2, config)
    {
    }

    public Size2D KernelSize => new(KernelSizes[0], KernelSizes[1]);

    public Size2D Strides => new(StrideValues[0], StrideValues[1]);

    public Size2D DilationRate => new(DilationValues[0], DilationValues[1]);

    internal static void Register() => KerasRegistry.Register("keras.layers", "Conv2D", c => new Conv2D(c));
}
