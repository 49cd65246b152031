using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Visualizers.Images;

namespace NotebookKeras.Visualizers.Tests.Images;

public class KernelGridTests
{
    private static (Sequential Model, Conv2D Conv) Net(int inputChannels)
    {
        var conv = new Conv2D(5, (3, 2), name: "conv");
        var model = new Sequential().Add(InputLayer.Create([6, 6, inputChannels])).Add(conv).Add(new Flatten(name: "flat"));
        return (model, conv);
    }

    [Fact]
    public void OneGrayTilePerFilterFromTheFirstInputChannel()
    {
        var (model, conv) = Net(2);
        var grid = KernelGrid.Plot(model, "conv");
        Assert.Equal(conv.Filters, grid.Count);
        Assert.Equal("Kernels of conv (Conv2D): 5 filters 3x2, input channel 0 of 2", grid.ToText());

        // Filter 4, input channel 0: kernel[i, j, 0, 4].
        var kernel = conv.Kernel!.Value;
        var expected = Enumerable.Range(0, 6).Select(p => kernel[p / 2, p % 2, 0, 4]).ToArray();
        var tile = grid.Tiles[4];
        Assert.Equal("filter 4", tile.Title);
        Assert.Equal((2, 3, 1), (tile.Image.Width, tile.Image.Height, tile.Image.Channels));
        Assert.Equal(ColorMap.Levels(expected), tile.Image.Pixels);
        Assert.Equal(5, PngDecoder.FromHtml(grid.ToHtml()).Count);

        var second = KernelGrid.Plot(model, 0, inputChannel: 1);
        Assert.EndsWith("input channel 1 of 2", second.ToText());
        var other = Enumerable.Range(0, 6).Select(p => kernel[p / 2, p % 2, 1, 4]).ToArray();
        Assert.Equal(ColorMap.Levels(other), second.Tiles[4].Image.Pixels);
    }

    [Fact]
    public void RgbInputsGiveColourKernels()
    {
        var grid = KernelGrid.Plot(Net(3).Model, "conv");
        Assert.Equal("Kernels of conv (Conv2D): 5 filters 3x2, RGB", grid.ToText());
        Assert.All(grid.Tiles, t => Assert.Equal(3, t.Image.Channels));
    }

    [Fact]
    public void NonConvolutionLayersAndBadChannelsAreRejected()
    {
        var (model, _) = Net(2);
        var flat = Assert.Throws<ArgumentException>(() => KernelGrid.Plot(model, "flat"));
        Assert.Contains("Layer 'flat' is a Flatten; kernel grids show the kernels of a Conv2D layer", flat.Message);
        var channel = Assert.Throws<ArgumentOutOfRangeException>(() => KernelGrid.Plot(model, "conv", inputChannel: 2));
        Assert.Contains("has 2 input channel(s) per kernel (0..1)", channel.Message);
    }
}
