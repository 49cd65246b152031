using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Reshaping;

/// <summary>What the padding, cropping and upsampling layers share: the data format check and their output shapes.</summary>
internal static class SpatialShapes
{
    /// <summary>The standardized data format, which must be channels_last.</summary>
    public static string RequireChannelsLast(string? dataFormat, string layer)
    {
        var format = Flatten.StandardizeDataFormat(dataFormat, layer);
        return format == "channels_first"
            ? throw new NotSupportedException($"{layer}: dataFormat 'channels_first' is not supported yet; use 'channels_last' (batch, ..., channels).")
            : format;
    }

    /// <summary>
    /// The shape with each spatial axis (axes 1..n of a channels_last input) grown (sign 1) or shrunk (sign -1) by its
    /// (before, after) amounts; unknown dims stay unknown. Cropping a dim to nothing throws.
    /// </summary>
    public static Shape Resize(Shape inputShape, (int Before, int After)[] amounts, int sign, string layer = "")
    {
        var dims = inputShape.ToArray();
        for (var i = 0; i < amounts.Length; i++)
        {
            var d = dims[i + 1];
            if (d < 0) continue;
            dims[i + 1] = d + sign * (amounts[i].Before + amounts[i].After);
            if (dims[i + 1] <= 0)
                throw new ArgumentException(
                    $"{layer}: cropping ({amounts[i].Before}, {amounts[i].After}) on axis {i + 1} leaves nothing of its {d} elements (input shape {inputShape}).");
        }
        return new Shape(dims);
    }

    /// <summary>The shape with each spatial axis multiplied by its factor; unknown dims stay unknown.</summary>
    public static Shape Scale(Shape inputShape, int[] factors)
    {
        var dims = inputShape.ToArray();
        for (var i = 0; i < factors.Length; i++)
            if (dims[i + 1] >= 0) dims[i + 1] *= factors[i];
        return new Shape(dims);
    }
}
