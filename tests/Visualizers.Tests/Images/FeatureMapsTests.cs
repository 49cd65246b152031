using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Layers.Pooling;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Visualizers.Images;

namespace NotebookKeras.Visualizers.Tests.Images;

public class FeatureMapsTests
{
    private static Tensor Image(params int[] shape)
    {
        var size = shape.Aggregate(1, (a, b) => a * b);
        return Tensor.FromArray([.. Enumerable.Range(0, size).Select(i => MathF.Sin(i * 0.7f))], shape);
    }

    private static (Sequential Model, Conv2D Conv) ConvNet()
    {
        var conv = new Conv2D(3, 3, activation: "relu", name: "conv");
        var model = new Sequential(name: "convnet").Add(InputLayer.Create([8, 8, 1]))
            .AddRange([conv, new MaxPooling2D(name: "pool"), new Flatten(name: "flat"), new Dense(2, name: "dense")]);
        return (model, conv);
    }

    [Fact]
    public void ChannelsAreTheLayerOutputComputedDirectly()
    {
        var (model, conv) = ConvNet();
        var image = Image(8, 8, 1);
        var expected = conv.Apply(image.Reshape(1, 8, 8, 1)).ToArray();

        var (input, output) = FeatureMaps.Compute(model, conv, image);
        Assert.Equal(new Shape(8, 8, 1), input.Shape);
        Assert.Equal(new Shape(6, 6, 3), output.Shape);
        Assert.Equal(expected, output.ToArray());

        var grid = FeatureMaps.Plot(model, "conv", image);
        Assert.Equal(["channel 0", "channel 1", "channel 2"], grid.Tiles.Select(t => t.Title));
        for (var k = 0; k < 3; k++)
            Assert.Equal(Raster.FromChannel(expected, 6, 6, 3, k, ColorMap.Viridis).Pixels, grid.Tiles[k].Image.Pixels);
        Assert.Equal("input", grid.Lead?.Title);
        Assert.Equal(ColorMap.Levels(image.ToArray()), grid.Lead?.Image.Pixels);
        Assert.Equal("Feature maps of conv (Conv2D): 3 channels 6x6, showing 3; input 8x8x1", grid.ToText());
        Assert.Equal(4, PngDecoder.FromHtml(grid.ToHtml()).Count);
    }

    [Fact]
    public void FunctionalModelsByIndexWithABatchOfOneAndMaxChannels()
    {
        var x = InputLayer.Create([8, 8, 1], name: "pixels");
        var conv = new Conv2D(4, 3, name: "conv");
        var pool = new MaxPooling2D(name: "pool");
        var model = new Functional(x, new Dense(2, name: "dense").Apply(new Flatten().Apply(pool.Apply(conv.Apply(x)))), name: "net");
        var image = Image(1, 8, 8, 1);

        Assert.Equal(pool.Apply(conv.Apply(image)).ToArray(), FeatureMaps.Compute(model, pool, image).Output.ToArray());
        var grid = FeatureMaps.Plot(model, model.Layers.ToList().IndexOf(pool), image, maxChannels: 2);
        Assert.Equal(2, grid.Count);
        Assert.Equal("Feature maps of pool (MaxPooling2D): 4 channels 3x3, showing 2; input 8x8x1", grid.ToText());
    }

    [Fact]
    public void OneDimensionalOutputsAreStrips()
    {
        var conv = new Conv1D(4, 3, name: "conv1d");
        var model = new Sequential().Add(InputLayer.Create([10, 2])).Add(conv);
        var grid = FeatureMaps.Plot(model, 0, Image(10, 2));
        Assert.Equal((10, 2), (grid.Lead?.Image.Width, grid.Lead?.Image.Height)); // the input, one row per feature
        Assert.All(grid.Tiles, t => Assert.Equal((8, 1), (t.Image.Width, t.Image.Height)));
        Assert.Equal("Feature maps of conv1d (Conv1D): 4 channels of 8 steps, showing 4; input 10x2", grid.ToText());
        Assert.Contains("width=\"96\" height=\"16\"", grid.ToHtml());
    }

    [Fact]
    public void ErrorsSayWhatIsWrong()
    {
        var (model, _) = ConvNet();
        var missing = Assert.Throws<ArgumentException>(() => FeatureMaps.Plot(model, "nope", Image(8, 8, 1)));
        Assert.Contains("No such layer: 'nope'. Existing layers are: ['conv', 'pool', 'flat', 'dense']", missing.Message);
        var dense = Assert.Throws<ArgumentException>(() => FeatureMaps.Plot(model, "dense", Image(8, 8, 1)));
        Assert.Contains("Layer 'dense' (Dense) outputs shape (None, 2), which has no spatial axes", dense.Message);
        var image = Assert.Throws<ArgumentException>(() => FeatureMaps.Plot(model, "conv", Image(8, 8)));
        Assert.Contains("must have the model's input shape (None, 8, 8, 1) without the batch axis, or with a batch of 1; got (8, 8)", image.Message);
        var unbuilt = new Sequential(name: "lazy").Add(new Conv2D(2, 3, name: "c"));
        var notBuilt = Assert.Throws<InvalidOperationException>(() => FeatureMaps.Plot(unbuilt, "c", Image(8, 8, 1)));
        Assert.Contains("Model 'lazy' is not built yet", notBuilt.Message);
    }
}
