using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Reshaping;

namespace NotebookKeras.Dsl;

public static partial class Keras
{
    /// <summary><c>keras.layers.ZeroPadding1D</c>: adds zeros at the start and end of the time axis.</summary>
    public static ZeroPadding1D ZeroPadding1D(Margins1D? padding = null, string? dataFormat = null, string? name = null) =>
        new(padding, dataFormat, name);

    /// <summary><c>keras.layers.Cropping1D</c>: removes steps from the start and end of the time axis.</summary>
    public static Cropping1D Cropping1D(Margins1D? cropping = null, string? name = null) => new(cropping, name);

    /// <summary><c>keras.layers.UpSampling1D</c>: repeats each step <paramref name="size"/> times.</summary>
    public static UpSampling1D UpSampling1D(int size = 2, string? name = null) => new(size, name);

    /// <summary><c>keras.layers.ZeroPadding2D</c>: adds rows and columns of zeros around the height and width axes.</summary>
    public static ZeroPadding2D ZeroPadding2D(Margins2D? padding = null, string? dataFormat = null, string? name = null) =>
        new(padding, dataFormat, name);

    /// <summary><c>keras.layers.Cropping2D</c>: removes rows and columns from the height and width borders.</summary>
    public static Cropping2D Cropping2D(Margins2D? cropping = null, string? dataFormat = null, string? name = null) =>
        new(cropping, dataFormat, name);

    /// <summary><c>keras.layers.UpSampling2D</c>: repeats rows and columns by <paramref name="size"/> ("nearest" or "bilinear" interpolation).</summary>
    public static UpSampling2D UpSampling2D(Size2D? size = null, string? dataFormat = null, string interpolation = "nearest", string? name = null) =>
        new(size, dataFormat, interpolation, name);

    /// <summary><c>keras.layers.ZeroPadding3D</c>: adds zeros around the three spatial axes.</summary>
    public static ZeroPadding3D ZeroPadding3D(Margins3D? padding = null, string? dataFormat = null, string? name = null) =>
        new(padding, dataFormat, name);

    /// <summary><c>keras.layers.Cropping3D</c>: removes the borders of the three spatial axes.</summary>
    public static Cropping3D Cropping3D(Margins3D? cropping = null, string? dataFormat = null, string? name = null) =>
        new(cropping, dataFormat, name);

    /// <summary><c>keras.layers.UpSampling3D</c>: repeats the elements along each spatial axis by <paramref name="size"/>.</summary>
    public static UpSampling3D UpSampling3D(Size3D? size = null, string? dataFormat = null, string? name = null) =>
        new(size, dataFormat, name);
}
