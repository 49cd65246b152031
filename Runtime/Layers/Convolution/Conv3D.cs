using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Layers.Reshaping;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Convolution;

/// <summary>
/// 3-D convolution over volumes (Keras's <c>Conv3D</c>): <c>activation(conv(inputs, kernel) + bias)</c> over (batch, depth,
/// height, width, channels) inputs (or channels first), kernel of shape (kernelDepth, kernelHeight, kernelWidth,
/// channels / groups, filters) as Keras stores it. Sizes are an int for all three axes or a (depth, height, width) tuple.
/// </summary>
public sealed class Conv3D : BaseConv
{
    public Conv3D(
        int filters,
        Size3D kernelSize,
        Size3D? strides = null,
        string padding = "valid",
        string? dataFormat = null,
        Size3D? dilationRate = null,
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
        : base("Conv3D", 3, filters, kernelSize.ToArray(), (strides ?? 1).ToArray(), padding, dataFormat, (dilationRate ?? 1).ToArray(),
            groups, activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer,
            kernelConstraint, biasConstraint, name, trainable, dtype)
    {
    }

    private Conv3D(JsonObject config) : base("Conv3D", 3, config)
    {
    }

    public Size3D KernelSize => new(KernelSizes[0], KernelSizes[1], KernelSizes[2]);

    public Size3D Strides => new(StrideValues[0], StrideValues[1], StrideValues[2]);

    public Size3D DilationRate => new(DilationValues[0], DilationValues[1], DilationValues[2]);

    internal static void Register() => KerasRegistry.Register("keras.layers", "Conv3D", c => new Conv3D(c));
}
