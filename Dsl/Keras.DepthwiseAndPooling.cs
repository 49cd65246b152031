using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Pooling;
using NotebookKeras.Runtime.Layers.Reshaping;

namespace NotebookKeras.Dsl;

// Pool sizes are an int (1-D), a Size2D (an int or a (height, width) tuple) or a Size3D; strides default to the pool size.
public static partial class Keras
{
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
