using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Reshaping;
using NotebookKeras.Runtime.Regularizers;

namespace NotebookKeras.Dsl;

// Sizes are ints for 1-D layers, Size2D for 2-D ones (an int for both axes or a (height, width) tuple, e.g. Conv2D(32, 3) or
// Conv2D(32, (3, 5))) and Size3D for 3-D ones (Conv3D(8, 3) or Conv3D(8, (3, 3, 3))).
public static partial class Keras
{
    /// <summary><c>keras.layers.Conv2D</c>: 2-D convolution over (batch, height, width, channels), e.g. <c>Conv2D(32, kernelSize: 3, activation: "relu")</c>.</summary>
    public static Conv2D Conv2D(
        int filters, Size2D kernelSize, Size2D? strides = null, string padding = "valid", string? dataFormat = null,
        Size2D? dilationRate = null, int groups = 1, string? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null,
        string? name = null, bool trainable = true) =>
        new(filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias,
            kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint,
            name, trainable);

    /// <summary><c>keras.layers.Conv1D</c>: 1-D convolution over (batch, steps, channels), e.g. <c>Conv1D(32, 3, padding: "causal")</c>.</summary>
    public static Conv1D Conv1D(
        int filters, int kernelSize, int strides = 1, string padding = "valid", string? dataFormat = null,
        int dilationRate = 1, int groups = 1, string? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null,
        string? name = null, bool trainable = true) =>
        new(filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias,
            kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint,
            name, trainable);

    /// <summary><c>keras.layers.Conv3D</c>: 3-D convolution over (batch, depth, height, width, channels), e.g. <c>Conv3D(8, 3)</c>.</summary>
    public static Conv3D Conv3D(
        int filters, Size3D kernelSize, Size3D? strides = null, string padding = "valid", string? dataFormat = null,
        Size3D? dilationRate = null, int groups = 1, string? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null,
        string? name = null, bool trainable = true) =>
        new(filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias,
            kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint,
            name, trainable);

    /// <summary><c>keras.layers.Conv1DTranspose</c>: transposed 1-D convolution, e.g. <c>Conv1DTranspose(16, 3, strides: 2, padding: "same")</c> doubles the steps.</summary>
    public static Conv1DTranspose Conv1DTranspose(
        int filters, int kernelSize, int strides = 1, string padding = "valid", int? outputPadding = null, string? dataFormat = null,
        int dilationRate = 1, string? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null,
        string? name = null, bool trainable = true) =>
        new(filters, kernelSize, strides, padding, outputPadding, dataFormat, dilationRate, activation, useBias,
            kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint,
            name, trainable);

    /// <summary><c>keras.layers.Conv2DTranspose</c>: transposed 2-D convolution, e.g. <c>Conv2DTranspose(32, 3, strides: 2, padding: "same")</c> doubles height and width.</summary>
    public static Conv2DTranspose Conv2DTranspose(
        int filters, Size2D kernelSize, Size2D? strides = null, string padding = "valid", Size2D? outputPadding = null,
        string? dataFormat = null, Size2D? dilationRate = null, string? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null,
        string? name = null, bool trainable = true) =>
        new(filters, kernelSize, strides, padding, outputPadding, dataFormat, dilationRate, activation, useBias,
            kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint,
            name, trainable);

    /// <summary><c>keras.layers.Conv3DTranspose</c>: transposed 3-D convolution, e.g. <c>Conv3DTranspose(8, 3, strides: 2, padding: "same")</c>.</summary>
    public static Conv3DTranspose Conv3DTranspose(
        int filters, Size3D kernelSize, Size3D? strides = null, string padding = "valid", Size3D? outputPadding = null,
        string? dataFormat = null, Size3D? dilationRate = null, string? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null,
        string? name = null, bool trainable = true) =>
        new(filters, kernelSize, strides, padding, outputPadding, dataFormat, dilationRate, activation, useBias,
            kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint,
            name, trainable);
}
