using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Layers.Reshaping;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Convolution;

/// <summary>
/// 3-D transposed convolution (Keras's <c>Conv3DTranspose</c>): (batch, depth, height, width, channels) → (batch, newDepth,
/// newHeight, newWidth, filters) (or channels first), kernel of shape (kernelDepth, kernelHeight, kernelWidth, filters,
/// channels) as Keras stores it; with 'same' padding and no outputPadding each spatial size is multiplied by its stride.
/// </summary>
public sealed class Conv3DTranspose : BaseConvTranspose
{
    public Conv3DTranspose(
        int filters,
        Size3D kernelSize,
        Size3D? strides = null,
        string padding = "valid",
        Size3D? outputPadding = null,
        string? dataFormat = null,
        Size3D? dilationRate = null,
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
        : base("Conv3DTranspose", 3, filters, kernelSize.ToArray(), (strides ?? 1).ToArray(), padding, outputPadding?.ToArray(), dataFormat, (dilationRate ?? 1).ToArray(),
            activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer,
            kernelConstraint, biasConstraint, name, trainable, dtype)
    {
    }

    private Conv3DTranspose(JsonObject config) : base("Conv3DTranspose", 3, config)
    {
    }

    public Size3D KernelSize => new(KernelSizes[0], KernelSizes[1], KernelSizes[2]);

    public Size3D Strides => new(StrideValues[0], StrideValues[1], StrideValues[2]);

    public Size3D DilationRate => new(DilationValues[0], DilationValues[1], DilationValues[2]);

    /// <summary>Extra planes, rows and columns after the output (each smaller than its stride); null for Keras's default.</summary>
    public Size3D? OutputPadding => OutputPaddingValues is { } p ? new Size3D(p[0], p[1], p[2]) : null;

    internal static void Register() => KerasRegistry.Register("keras.layers", "Conv3DTranspose", c => new Conv3DTranspose(c));
}
