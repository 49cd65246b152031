using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Pooling;
using NotebookKeras.Runtime.Layers.Reshaping;
using NotebookKeras.Runtime.Regularizers;

namespace NotebookKeras.Dsl;

// Sizes are an int (1-D), a Size2D (an int or a (height, width) tuple) or a Size3D; pool strides default to the pool size.
public static partial class Keras
{
    /// <summary><c>keras.layers.DepthwiseConv1D</c>: each channel convolved with its own depthMultiplier filters, e.g. <c>DepthwiseConv1D(3, depthMultiplier: 2)</c>.</summary>
    public static DepthwiseConv1D DepthwiseConv1D(
        int kernelSize, int strides = 1, string padding = "valid", int depthMultiplier = 1, string? dataFormat = null, int dilationRate = 1,
        string? activation = null, bool useBias = true, Initializer? depthwiseInitializer = null, Initializer? biasInitializer = null,
        Regularizer? depthwiseRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? depthwiseConstraint = null, Constraint? biasConstraint = null, string? name = null, bool trainable = true) =>
        new(kernelSize, strides, padding, depthMultiplier, dataFormat, dilationRate, activation, useBias, depthwiseInitializer, biasInitializer,
            depthwiseRegularizer, biasRegularizer, activityRegularizer, depthwiseConstraint, biasConstraint, name, trainable);

    /// <summary><c>keras.layers.DepthwiseConv2D</c>: each channel convolved with its own depthMultiplier filters, e.g. <c>DepthwiseConv2D(3, activation: "relu")</c>.</summary>
    public static DepthwiseConv2D DepthwiseConv2D(
        Size2D kernelSize, Size2D? strides = null, string padding = "valid", int depthMultiplier = 1, string? dataFormat = null, Size2D? dilationRate = null,
        string? activation = null, bool useBias = true, Initializer? depthwiseInitializer = null, Initializer? biasInitializer = null,
        Regularizer? depthwiseRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? depthwiseConstraint = null, Constraint? biasConstraint = null, string? name = null, bool trainable = true) =>
        new(kernelSize, strides, padding, depthMultiplier, dataFormat, dilationRate, activation, useBias, depthwiseInitializer, biasInitializer,
            depthwiseRegularizer, biasRegularizer, activityRegularizer, depthwiseConstraint, biasConstraint, name, trainable);

    /// <summary><c>keras.layers.SeparableConv1D</c>: a depthwise then a pointwise convolution, e.g. <c>SeparableConv1D(32, 3)</c>.</summary>
    public static SeparableConv1D SeparableConv1D(
        int filters, int kernelSize, int strides = 1, string padding = "valid", string? dataFormat = null, int dilationRate = 1, int depthMultiplier = 1,
        string? activation = null, bool useBias = true, Initializer? depthwiseInitializer = null, Initializer? pointwiseInitializer = null,
        Initializer? biasInitializer = null, Regularizer? depthwiseRegularizer = null, Regularizer? pointwiseRegularizer = null,
        Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null, Constraint? depthwiseConstraint = null,
        Constraint? pointwiseConstraint = null, Constraint? biasConstraint = null, string? name = null, bool trainable = true) =>
        new(filters, kernelSize, strides, padding, dataFormat, dilationRate, depthMultiplier, activation, useBias, depthwiseInitializer,
            pointwiseInitializer, biasInitializer, depthwiseRegularizer, pointwiseRegularizer, biasRegularizer, activityRegularizer,
            depthwiseConstraint, pointwiseConstraint, biasConstraint, name, trainable);

    /// <summary><c>keras.layers.SeparableConv2D</c>: a depthwise then a pointwise convolution, e.g. <c>SeparableConv2D(64, 3, activation: "relu")</c>.</summary>
    public static SeparableConv2D SeparableConv2D(
        int filters, Size2D kernelSize, Size2D? strides = null, string padding = "valid", string? dataFormat = null, Size2D? dilationRate = null,
        int depthMultiplier = 1, string? activation = null, bool useBias = true, Initializer? depthwiseInitializer = null,
        Initializer? pointwiseInitializer = null, Initializer? biasInitializer = null, Regularizer? depthwiseRegularizer = null,
        Regularizer? pointwiseRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? depthwiseConstraint = null, Constraint? pointwiseConstraint = null, Constraint? biasConstraint = null,
        string? name = null, bool trainable = true) =>
        new(filters, kernelSize, strides, padding, dataFormat, dilationRate, depthMultiplier, activation, useBias, depthwiseInitializer,
            pointwiseInitializer, biasInitializer, depthwiseRegularizer, pointwiseRegularizer, biasRegularizer, activityRegularizer,
            depthwiseConstraint, pointwiseConstraint, biasConstraint, name, trainable);

    /// <summary><c>keras.layers.MaxPooling1D</c>: the maximum of each window of steps (2 by default).</summary>
    public static MaxPooling1D MaxPooling1D(int poolSize = 2, int? strides = null, string padding = "valid", string? dataFormat = null, string? name = null) =>
        new(poolSize, strides, padding, dataFormat, name);

    /// <summary><c>keras.layers.MaxPooling2D</c>: the maximum of each window (2x2 and strides equal to the pool by default).</summary>
    public static MaxPooling2D MaxPooling2D(Size2D? poolSize = null, Size2D? strides = null, string padding = "valid", string? dataFormat = null, string? name = null) =>
        new(poolSize, strides, padding, dataFormat, name);

    /// <summary><c>keras.layers.MaxPooling3D</c>: the maximum of each window (2x2x2 by default).</summary>
    public static MaxPooling3D MaxPooling3D(Size3D? poolSize = null, Size3D? strides = null, string padding = "valid", string? dataFormat = null, string? name = null) =>
        new(poolSize, strides, padding, dataFormat, name);

    /// <summary><c>keras.layers.AveragePooling1D</c>: the mean of each window of steps (2 by default).</summary>
    public static AveragePooling1D AveragePooling1D(int poolSize = 2, int? strides = null, string padding = "valid", string? dataFormat = null, string? name = null) =>
        new(poolSize, strides, padding, dataFormat, name);

    /// <summary><c>keras.layers.AveragePooling2D</c>: the mean of each window (2x2 and strides equal to the pool by default).</summary>
    public static AveragePooling2D AveragePooling2D(Size2D? poolSize = null, Size2D? strides = null, string padding = "valid", string? dataFormat = null, string? name = null) =>
        new(poolSize, strides, padding, dataFormat, name);

    /// <summary><c>keras.layers.AveragePooling3D</c>: the mean of each window (2x2x2 by default).</summary>
    public static AveragePooling3D AveragePooling3D(Size3D? poolSize = null, Size3D? strides = null, string padding = "valid", string? dataFormat = null, string? name = null) =>
        new(poolSize, strides, padding, dataFormat, name);

    /// <summary><c>keras.layers.GlobalMaxPooling1D</c>: the maximum over steps, per channel.</summary>
    public static GlobalMaxPooling1D GlobalMaxPooling1D(string? dataFormat = null, bool keepDims = false, string? name = null) =>
        new(dataFormat, keepDims, name);

    /// <summary><c>keras.layers.GlobalMaxPooling2D</c>: the maximum over height and width, per channel.</summary>
    public static GlobalMaxPooling2D GlobalMaxPooling2D(string? dataFormat = null, bool keepDims = false, string? name = null) =>
        new(dataFormat, keepDims, name);

    /// <summary><c>keras.layers.GlobalMaxPooling3D</c>: the maximum over the three spatial axes, per channel.</summary>
    public static GlobalMaxPooling3D GlobalMaxPooling3D(string? dataFormat = null, bool keepDims = false, string? name = null) =>
        new(dataFormat, keepDims, name);

    /// <summary><c>keras.layers.GlobalAveragePooling1D</c>: the mean over steps, per channel (over the unmasked steps when masked).</summary>
    public static GlobalAveragePooling1D GlobalAveragePooling1D(string? dataFormat = null, bool keepDims = false, string? name = null) =>
        new(dataFormat, keepDims, name);

    /// <summary><c>keras.layers.GlobalAveragePooling2D</c>: the mean over height and width, per channel.</summary>
    public static GlobalAveragePooling2D GlobalAveragePooling2D(string? dataFormat = null, bool keepDims = false, string? name = null) =>
        new(dataFormat, keepDims, name);

    /// <summary><c>keras.layers.GlobalAveragePooling3D</c>: the mean over the three spatial axes, per channel.</summary>
    public static GlobalAveragePooling3D GlobalAveragePooling3D(string? dataFormat = null, bool keepDims = false, string? name = null) =>
        new(dataFormat, keepDims, name);
}
