using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Convolution;

/// <summary>
/// 2-D transposed convolution (Keras's <c>Conv2DTranspose</c>, "deconvolution"): (batch, height, width, channels) →
/// (batch, newHeight, newWidth, filters) (or channels first), kernel of shape (kernelHeight, kernelWidth, filters, channels)
/// as Keras stores it; with 'same' padding and no outputPadding each spatial size is multiplied by its stride.
/// </summary>
public sealed class Conv2DTranspose : BaseConvTranspose
{
    public Conv2DTranspose(
        int filters,
        Size2D kernelSize,
        Size2D? strides = null,
        string padding = "valid",
        Size2D? outputPadding = null,
        string? dataFormat = null,
        Size2D? dilationRate = null,
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
        : base("Conv2DTranspose", 2, filters, kernelSize.ToArray(), (strides ?? 1).ToArray(), padding, outputPadding?.ToArray(), dataFormat, (dilationRate ?? 1).ToArray(),
            activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer,
            kernelConstraint, biasConstraint, name, trainable, dtype)
    {
    }

    private Conv2DTranspose(JsonObject config) : base("Conv2DTranspose", 2, config)
    {
    }

    public Size2D KernelSize => new(KernelSizes[0], KernelSizes[1]);

    public Size2D Strides => new(StrideValues[0], StrideValues[1]);

    public Size2D DilationRate => new(DilationValues[0], DilationValues[1]);

    /// <summary>Extra rows and columns after the output (each smaller than its stride); null for Keras's default.</summary>
    public Size2D? OutputPadding => OutputPaddingValues is { } p ? new Size2D(p[0], p[1]) : null;

    internal static void Register() => KerasRegistry.Register("keras.layers", "Conv2DTranspose", c => new Conv2DTranspose(c));
}
