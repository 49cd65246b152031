using System.Globalization;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Models;

namespace NotebookKeras.Visualizers.Images;

/// <summary>
/// The learned kernels of a <see cref="Conv2D"/> layer, (kernel height, kernel width, input channels, filters), as one small
/// image per filter: in color when the layer reads RGB (3 input channels), otherwise one input channel in gray.
/// </summary>
public static class KernelGrid
{
    private const int Columns = 8;

    /// <summary>The kernels of the Conv2D layer named <paramref name="layerName"/>; <paramref name="inputChannel"/> picks the input
    /// channel drawn (default: RGB for 3 input channels, else channel 0).</summary>
    public static ImageGrid Plot(Model model, string layerName, int? inputChannel = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Plot(model.GetLayer(layerName), inputChannel);
    }

    /// <summary>The kernels of the Conv2D layer at <paramref name="layerIndex"/> in <c>model.Layers</c>.</summary>
    public static ImageGrid Plot(Model model, int layerIndex, int? inputChannel = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Plot(model.GetLayer(layerIndex), inputChannel);
    }

    private static ImageGrid Plot(Layer layer, int? inputChannel)
    {
        if (layer is not Conv2D conv)
            throw new ArgumentException($"Layer '{layer.Name}' is a {layer.ClassName}; kernel grids show the kernels of a Conv2D layer.", nameof(layer));
        var kernel = conv.Kernel?.Value
            ?? throw new InvalidOperationException($"Layer '{layer.Name}' (Conv2D) is not built yet, so it has no kernels: build or call the model first.");
        int kh = kernel.Shape[0], kw = kernel.Shape[1], inputs = kernel.Shape[2], filters = kernel.Shape[3];
        if (inputChannel is { } c && (c < 0 || c >= inputs))
            throw new ArgumentOutOfRangeException(nameof(inputChannel), c, $"Layer '{layer.Name}' has {inputs} input channel(s) per kernel (0..{inputs - 1}).");
        var rgb = inputChannel is null && inputs == 3;

        // Kernel values are laid out (kh, kw, in, out): a filter's pixel p, input channel i is at (p * in + i) * out + f.
        var values = kernel.ToArray();
        var perPixel = rgb ? 3 : 1;
        var channel = inputChannel ?? 0;
        var tiles = new List<ImageTile>(filters);
        var plane = new float[kh * kw * perPixel];
        for (var f = 0; f < filters; f++)
        {
            for (var p = 0; p < kh * kw; p++)
            {
                for (var i = 0; i < perPixel; i++)
                    plane[p * perPixel + i] = values[(p * inputs + (rgb ? i : channel)) * filters + f];
            }
            tiles.Add(new ImageTile(Raster.FromValues(plane, kh, kw, perPixel, ColorMap.Gray), "filter " + f.ToString(CultureInfo.InvariantCulture)));
        }
        var drawn = rgb ? "RGB" : string.Create(CultureInfo.InvariantCulture, $"input channel {channel} of {inputs}");
        var heading = string.Create(CultureInfo.InvariantCulture, $"Kernels of {layer.Name} (Conv2D): {filters} filters {kh}x{kw}, {drawn}");
        return new ImageGrid(heading, tiles, Columns, heading);
    }
}
