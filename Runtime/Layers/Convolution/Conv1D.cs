using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Convolution;

/// <summary>
/// 1-D convolution over time (Keras's <c>Conv1D</c>): <c>activation(conv(inputs, kernel) + bias)</c> over (batch, steps,
/// channels) inputs (or (batch, channels, steps) with channels_first), kernel of shape (kernelSize, channels / groups,
/// filters) as Keras stores it. Padding "causal" pads (kernelSize - 1) * dilationRate zeros before the steps, so output t
/// depends on inputs up to t only.
/// </summary>
public sealed class Conv1D : BaseConv
{
    public Conv1D(
        int filters,
        int kernelSize,
        int strides = 1,
        string padding = "valid",
        string? dataFormat = null,
        int dilationRate = 1,
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
        : base("Conv1D", 1, filters, [kernelSize], [strides], padding, dataFormat, [dilationRate], groups, activation, useBias,
            kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint,
            name, trainable, dtype)
    {
    }

    private Conv1D(JsonObject config) : base("Conv1D", 1, config)
    {
    }

    public int KernelSize => KernelSizes[0];

    public int Strides => StrideValues[0];

    public int DilationRate => DilationValues[0];

    internal static void Register() => KerasRegistry.Register("keras.layers", "Conv1D", c => new Conv1D(c));
}
