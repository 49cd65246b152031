using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Visualizers.Models;

namespace NotebookKeras.Visualizers.Tests.Models;

public class ModelViewTests
{
    [Fact]
    public void ABuiltModelShowsItsSummaryThenItsGraph()
    {
        var model = new Sequential(name: "view").Add(InputLayer.Create([4])).Add(new Dense(3, name: "hidden")).Add(new Dense(2, name: "out"));
        var html = ModelView.ToHtml(model);
        var table = html.IndexOf("<table", StringComparison.Ordinal);
        var graph = html.IndexOf("<svg", StringComparison.Ordinal);
        Assert.True(table >= 0 && graph > table, "the summary table comes first, then the graph");
        Assert.Contains("Total params: 23", html);
        Assert.Contains("data-name=\"hidden\"", html);
        Assert.Contains("data-name=\"out\"", html);
    }

    [Fact]
    public void AModelWithNoInputShapeStillDisplays()
    {
        var unbuilt = new Sequential(name: "unbuilt").Add(new Dense(3, name: "hidden"));
        var html = ModelView.ToHtml(unbuilt);
        Assert.Contains("unbuilt", html);
        Assert.Contains("<table", html);
    }
}
