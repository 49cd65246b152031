using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Convolution;

/// <summary>
/// 1-D transposed convolution (Keras's <c>Conv1DTranspose</c>): (batch, steps, channels) → (batch, newSteps, filters) (or
/// channels first), kernel of shape (kernelSize, filters, channels) as Keras stores it; with 'same' padding and no
/// outputPadding, newSteps = steps * strides.
/// </summary>
public sealed class Conv1DTranspose : BaseConvTranspose
{
    public Conv1DTranspose(
        int filters,
        int kernelSize,
        int strides = 1,
        string padding = "valid",
        int? outputPadding = null,
        string? dataFormat = null,
        int dilationRate = 1,
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
        : base("Conv1DTranspose", 1, filters, [kernelSize], [strides], padding, outputPadding is null ? null : [outputPadding.Value], dataFormat, [dilationRate],
            activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer,
            kernelConstraint, biasConstraint, name, trainable, dtype)
    {
    }

    private Conv1DTranspose(JsonObject config) : base("Conv1DTranspose", 1, config)
    {
    }

    public int KernelSize => KernelSizes[0];

    public int Strides => StrideValues[0];

    public int DilationRate => DilationValues[0];

    /// <summary>Extra steps after the output (smaller than the stride); null for Keras's default.</summary>
    public int? OutputPadding => OutputPaddingValues?[0];

    internal static void Register() => KerasRegistry.Register("keras.layers", "Conv1DTranspose", c => new Conv1DTranspose(c));
}
