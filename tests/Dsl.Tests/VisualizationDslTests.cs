using System.Xml.Linq;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

public sealed class VisualizationDslTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nk-dsl-plot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PlotModelReturnsTheGraphAndWritesItsSvgToTheFile()
    {
        var model = Sequential(Input([3]), Dense(4, activation: "relu", name: "plot_hidden"), Dense(2, name: "plot_out"));
        var path = Path.Combine(_dir, "model.svg");
        var plot = PlotModel(model, toFile: path, showShapes: true, rankdir: "LR");
        var svg = plot.Svg;
        Assert.Equal(svg, File.ReadAllText(path));
        Assert.Contains(svg, plot.ToHtml(), StringComparison.Ordinal);
        Assert.Equal($"Model graph of \"{model.Name}\": 2 layers, 1 connection", plot.ToText());
        XNamespace ns = "http://www.w3.org/2000/svg";
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(2, root.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "layer"));
        Assert.Single(root.Descendants(ns + "path"), p => (string?)p.Attribute("class") == "edge"
            && (string?)p.Attribute("data-from") == "plot_hidden" && (string?)p.Attribute("data-to") == "plot_out");
        Assert.Contains("input: (None, 3) | output: (None, 4)", svg);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void PlotModelWritesAnHtmlPageWhenTheFileSaysSo()
    {
        var model = Sequential(Input([3]), Dense(2));
        var path = Path.Combine(_dir, "model.html");
        var plot = PlotModel(model, toFile: path);
        var page = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains(plot.Svg, page, StringComparison.Ordinal);
    }
}
