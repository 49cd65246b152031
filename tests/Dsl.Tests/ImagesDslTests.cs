using NotebookKeras.Runtime.Tensors;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

public class ImagesDslTests
{
    private static Runtime.Models.Sequential ConvNet() =>
        Sequential(Input([6, 6, 1]), Conv2D(4, 3, activation: "relu", name: "dsl_conv"), Flatten(name: "dsl_flat"), Dense(2, name: "dsl_dense"));

    [Fact]
    public void PlotFeatureMapsByNameAndIndex()
    {
        var model = ConvNet();
        var image = Tensor.FromArray([.. Enumerable.Range(0, 36).Select(i => (float)(i % 7))], 6, 6, 1);
        var byName = PlotFeatureMaps(model, "dsl_conv", image);
        var byIndex = PlotFeatureMaps(model, 0, image, maxChannels: 2);
        Assert.Equal("Feature maps of dsl_conv (Conv2D): 4 channels 4x4, showing 4; input 6x6x1", byName.ToText());
        Assert.Equal(4, byName.Count);
        Assert.Equal(2, byIndex.Count);
        Assert.Contains("class=\"nk-image\"", byName.ToHtml());
    }

    [Fact]
    public void PlotKernelsGivesOneTilePerFilter()
    {
        var model = ConvNet();
        Assert.Equal(4, PlotKernels(model, "dsl_conv").Count);
        Assert.Equal("Kernels of dsl_conv (Conv2D): 4 filters 3x3, input channel 0 of 1", PlotKernels(model, 0, inputChannel: 0).ToText());
        Assert.Throws<ArgumentException>(() => PlotKernels(model, "dsl_dense"));
    }

    [Fact]
    public void PlotImagesNamesClasses()
    {
        var grid = PlotImages(Zeros(3, 5, 5), ConvertToTensor([0, 1, 1], 3), ConvertToTensor([0, 0, 1], 3), ["cat", "dog"], columns: 2);
        Assert.Equal("Images 5x5 gray: showing 3 of 3, 1 misclassified\n  [0] cat (predicted cat)\n  [1] dog (predicted cat, wrong)\n  [2] dog (predicted dog)", grid.ToText());
        Assert.Equal(2, grid.Columns);
    }
}
