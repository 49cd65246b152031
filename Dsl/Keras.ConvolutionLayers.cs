using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Regularizers;

namespace NotebookKeras.Dsl;

// Sizes are Size2D: an int for both axes or a (height, width) tuple, e.g. Conv2D(32, kernelSize: 3) or Conv2D(32, (3, 5)).
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
}
