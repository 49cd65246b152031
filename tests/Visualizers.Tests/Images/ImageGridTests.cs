using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Visualizers.Images;

namespace NotebookKeras.Visualizers.Tests.Images;

public sealed class ImageGridTests : IDisposable
{
    private static readonly string[] Classes = ["zero", "one", "two"];

    private readonly string _dir = Directory.CreateTempSubdirectory("nk-images-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // n images of 4x3 pixels; image i holds i + 0, i + 1, ... (so every image has a different range).
    private static Tensor Images(int n, int channels = 0)
    {
        var size = 4 * 3 * Math.Max(1, channels);
        var values = Enumerable.Range(0, n * size).Select(k => (float)(k / size * 10 + k % size)).ToArray();
        return channels == 0 ? Tensor.FromArray(values, n, 4, 3) : Tensor.FromArray(values, n, 4, 3, channels);
    }

    [Fact]
    public void LabelsTitleTheImagesAndWrongPredictionsAreRed()
    {
        var labels = Tensor.FromArray([0, 1, 2], 3);
        var probabilities = Tensor.FromArray([0.8f, 0.1f, 0.1f, 0.2f, 0.1f, 0.7f, 0f, 0f, 1f], 3, 3);
        var grid = ImageGrid.Plot(Images(3), labels, probabilities, Classes);

        Assert.Equal(3, grid.Count);
        Assert.Equal("Images 4x3 gray: showing 3 of 3, 1 misclassified\n  [0] zero (predicted zero)\n  [1] one (predicted two, wrong)\n  [2] two (predicted two)", grid.ToText());
        var html = grid.ToHtml();
        Assert.Contains("<figcaption>one<br><span class=\"nk-wrong\">pred: two</span></figcaption>", html);
        Assert.Contains("<figcaption>zero<br><span>pred: zero</span></figcaption>", html);
        Assert.Contains("image-rendering:pixelated", html);
        Assert.Equal(3, PngDecoder.FromHtml(html).Count);
    }

    [Fact]
    public void EachImageIsNormalisedByItsOwnRangeAndEnlarged()
    {
        var grid = ImageGrid.Plot(Images(2));
        var html = grid.ToHtml();
        var images = PngDecoder.FromHtml(html);
        Assert.Equal(2, images.Count);
        foreach (var image in images)
        {
            Assert.Equal((3, 4, 1), (image.Width, image.Height, image.Channels));
            Assert.Equal(ColorMap.Levels([.. Enumerable.Range(0, 12).Select(k => (float)k)]), image.Pixels);
        }
        Assert.Contains("width=\"72\" height=\"96\"", html); // enlarged by 24 to about 96 pixels
        Assert.Contains("<figcaption>[1]</figcaption>", html);
    }

    [Fact]
    public void RgbImagesKeepTheirColoursAndMaxImagesLimits()
    {
        var grid = ImageGrid.Plot(Images(5, channels: 3), maxImages: 2, columns: 1);
        Assert.Equal(2, grid.Count);
        Assert.StartsWith("Images 4x3 RGB: showing 2 of 5", grid.ToText());
        Assert.All(PngDecoder.FromHtml(grid.ToHtml()), image => Assert.Equal(3, image.Channels));
        Assert.Contains("repeat(1,max-content)", grid.ToHtml());
    }

    [Fact]
    public void SigmoidPredictionsAreTakenAtOneHalfAndIdsWithoutNames()
    {
        var grid = ImageGrid.Plot(Images(2), Tensor.FromArray([1f, 0f], 2), Tensor.FromArray([0.9f, 0.7f], 2, 1));
        Assert.EndsWith("[0] 1 (predicted 1)\n  [1] 0 (predicted 1, wrong)", grid.ToText());
    }

    [Fact]
    public void ErrorsNameTheArgumentAndTheShapes()
    {
        var shape = Assert.Throws<ArgumentException>(() => ImageGrid.Plot(Tensor.Zeros(4, 3)));
        Assert.Contains("images must have shape (n, height, width) or (n, height, width, channels) with 1, 3 or 4 channels; got (4, 3)", shape.Message);
        var rows = Assert.Throws<ArgumentException>(() => ImageGrid.Plot(Images(3), labels: Tensor.FromArray([0, 1], 2)));
        Assert.Contains("labels must have shape (3,), (3, 1) or (3, classes), one row per image; got (2,)", rows.Message);
        var names = Assert.Throws<ArgumentException>(() => ImageGrid.Plot(Images(1), predictions: Tensor.FromArray([5], 1), classNames: Classes));
        Assert.Contains("predictions holds class 5, but classNames has 3 names (0..2)", names.Message);
    }

    [Fact]
    public void SavesAPageOrTheSingleImageAsPng()
    {
        var single = ImageGrid.Plot(Images(1));
        var png = Path.Combine(_dir, "one.png");
        single.Save(png);
        Assert.Equal(single.Tiles[0].Image.Pixels, PngDecoder.Decode(File.ReadAllBytes(png)).Pixels);

        var page = Path.Combine(_dir, "grid.html");
        ImageGrid.Plot(Images(2)).Save(page);
        Assert.Equal(2, PngDecoder.FromHtml(File.ReadAllText(page)).Count);
        var many = Assert.Throws<ArgumentException>(() => ImageGrid.Plot(Images(2)).Save(Path.Combine(_dir, "two.png")));
        Assert.Contains("this grid has 2; save it as .html", many.Message);
    }
}
