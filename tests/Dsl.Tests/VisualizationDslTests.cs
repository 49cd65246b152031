using System.Xml.Linq;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

public sealed class VisualizationDslTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nk-dsl-plot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PlotModelReturnsTheSvgAndWritesItToTheFile()
    {
        var model = Sequential(Input([3]), Dense(4, activation: "relu", name: "plot_hidden"), Dense(2, name: "plot_out"));
        var path = Path.Combine(_dir, "model.svg");
        var svg = PlotModel(model, toFile: path, showShapes: true, rankdir: "LR");
        Assert.Equal(svg, File.ReadAllText(path));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(2, root.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "layer"));
        Assert.Single(root.Descendants(ns + "path"), p => (string?)p.Attribute("class") == "edge"
            && (string?)p.Attribute("data-from") == "plot_hidden" && (string?)p.Attribute("data-to") == "plot_out");
        Assert.Contains("input: (None, 3) | output: (None, 4)", svg);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }
}
