using System.Xml.Linq;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Visualizers.Models;

namespace NotebookKeras.Visualizers.Tests.Models;

public sealed class ModelPlotTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nk-model-plot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Sequential Model() =>
        new Sequential(name: "plotted").Add(InputLayer.Create([4])).Add(new Dense(3, name: "hidden")).Add(new Dense(2, name: "out"));

    [Fact]
    public void HtmlIsTheInlineSvgAndTextCountsBoxesAndArrows()
    {
        var plot = new ModelPlot(Model(), showShapes: true);
        Assert.StartsWith("<svg", plot.Svg, StringComparison.Ordinal);
        Assert.Equal(ModelGraph.ToSvg(Model(), showShapes: true), plot.Svg);
        Assert.Equal("<div class=\"nk-model-plot\">" + plot.Svg + "</div>", plot.ToHtml());
        Assert.DoesNotContain("<script", plot.ToHtml());
        Assert.Equal((2, 1), (plot.LayerCount, plot.EdgeCount));
        Assert.Equal("Model graph of \"plotted\": 2 layers, 1 connection", plot.ToText());
        Assert.Equal(plot.ToText(), plot.ToString());
    }

    [Fact]
    public void SavesSvgOrAPageAndRejectsOtherFormats()
    {
        var plot = new ModelPlot(Model(), rankdir: "LR");
        var svg = Path.Combine(_dir, "m.svg");
        var html = Path.Combine(_dir, "m.html");
        plot.Save(svg);
        plot.Save(html);
        Assert.Equal(plot.Svg, File.ReadAllText(svg));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(2, XDocument.Load(svg).Root!.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "layer"));
        var page = File.ReadAllText(html);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains(plot.Svg, page, StringComparison.Ordinal);
        var error = Assert.Throws<ArgumentException>(() => plot.Save(Path.Combine(_dir, "m.png")));
        Assert.Contains("\".png\"", error.Message);
        Assert.Equal(["m.html", "m.svg"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }
}
