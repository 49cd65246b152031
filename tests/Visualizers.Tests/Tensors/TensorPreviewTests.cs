using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Visualizers.Tensors;

namespace NotebookKeras.Visualizers.Tests.Tensors;

public class TensorPreviewTests
{
    [Fact]
    public void DescribesValues()
    {
        var s = TensorPreview.Describe(Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2));
        Assert.Equal(new TensorPreview.Statistics(4, 1f, 4f, 2.5f, (float)Math.Sqrt(1.25)), s);
    }

    [Fact]
    public void TextNamesShapeDtypeAndStatistics()
    {
        var text = TensorPreview.ToText(Tensor.FromArray([0, 5], 2));
        Assert.Equal("Tensor shape=(2,) dtype=int32 min=0 max=5 mean=2.5 std=2.5", text);
    }

    [Fact]
    public void HtmlTableElidesBeyondTheLimits()
    {
        var html = TensorPreview.ToHtml(Tensor.Arange(0, 100).Reshape(10, 10), maxRows: 3, maxColumns: 4);
        Assert.Contains("shape (10, 10)", html);
        Assert.Equal(3, html.Split("<tr>").Length - 2); // three value rows plus the elision row
        Assert.Contains("&hellip;", html);
        Assert.Contains("&vellip;", html);
        Assert.Contains(">13<", html);
        Assert.DoesNotContain(">14<", html);
    }

    [Fact]
    public void EmptyTensorHasNoTable()
    {
        var html = TensorPreview.ToHtml(Tensor.Zeros(0, 3));
        Assert.Contains("shape (0, 3)", html);
        Assert.DoesNotContain("<table", html);
    }

    [Fact]
    public void ImageLikeTensorsShowAsImages()
    {
        var image = TensorPreview.ToHtml(Tensor.Arange(0, 28 * 28).Reshape(28, 28));
        Assert.Contains("shape (28, 28)", image);
        Assert.Contains("<img class=\"nk-image\" src=\"data:image/png;base64,", image);
        Assert.DoesNotContain("<table", image);

        var table = TensorPreview.ToHtml(Tensor.Arange(0, 12).Reshape(3, 4));
        Assert.Contains("<table", table);
        Assert.DoesNotContain("<img", table);
    }

    [Fact]
    public void ColourImagesAndBatchesShowAFewImages()
    {
        var rgb = TensorPreview.ToHtml(Tensor.Zeros(16, 20, 3));
        Assert.Single(Visualizers.Tests.Images.PngDecoder.FromHtml(rgb), i => i.Channels == 3 && i.Width == 20);
        var batch = TensorPreview.ToHtml(Tensor.Zeros(10, 16, 16));
        Assert.Equal(8, Visualizers.Tests.Images.PngDecoder.FromHtml(batch).Count);
        Assert.Contains("<figcaption>[7]</figcaption>", batch);
        Assert.DoesNotContain("<img", TensorPreview.ToHtml(Tensor.Zeros(10, 16, 5)));
    }
}
