using NotebookKeras.Kernel.Execution;
using NotebookKeras.Kernel.Formatting;
using NotebookKeras.Kernel.Tests.Support;
using NotebookKeras.Visualizers.Tests.Support;

namespace NotebookKeras.Kernel.Tests.Formatting;

/// <summary>Users' Plotly.NET and XPlot.Plotly charts, displayed by the kernel: drawn offline with the embedded plotly.js.</summary>
public class ForeignChartFormattingTests
{
    [Fact]
    public void APlotlyNetChartThenAnXPlotChartDrawOfflineWithPlotlyOnTheFirstOnly()
    {
        var formatter = DisplayFormatter.CreateDefault();
        var plotlyNet = formatter.Format(UserCharts.PlotlyNetLine([0.5, 1.5, 2.5], [4.25, 5.25, 6.25], "line"));
        var xplot = formatter.Format(UserCharts.XPlotScatter([1, 2, 3], [7, 8, 9], "scatter"));

        var first = plotlyNet[DisplayFormatter.Html];
        ChartHtml.AssertDrawsOffline(first);
        Assert.True(ChartHtml.CarriesPlotly(first), "the page's first chart carries plotly.js");
        var line = ChartHtml.Figure(first)["data"]![0]!;
        Assert.Equal("line", line["name"]!.GetValue<string>());
        Assert.Equal([4.25, 5.25, 6.25], line["y"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal("Figure: 1 trace\n  scatter 'line' (3 points)", plotlyNet[DisplayFormatter.PlainText]);

        var second = xplot[DisplayFormatter.Html];
        ChartHtml.AssertDrawsOffline(second);
        Assert.False(ChartHtml.CarriesPlotly(second), "later charts reuse the page's plotly.js");
        var scatter = ChartHtml.Figure(second)["data"]![0]!;
        Assert.Equal([7, 8, 9], scatter["y"]!.AsArray().Select(v => v!.GetValue<int>()));
        Assert.Equal("Figure \"xplot chart\": 1 trace\n  scatter 'scatter' (3 points)", xplot[DisplayFormatter.PlainText]);
    }

    [Fact]
    public void FormattersRegisteredByNameApplyToDerivedTypesAndRankByDepth()
    {
        var f = new DisplayFormatter();
        f.Register<object>(DisplayFormatter.Html, _ => "object");
        f.RegisterByTypeName(typeof(ArgumentException).FullName!, DisplayFormatter.Html, _ => "argument by name");
        Assert.Equal("argument by name", f.Format(new ArgumentNullException())[DisplayFormatter.Html]);
        Assert.Equal("object", f.Format(new InvalidOperationException())[DisplayFormatter.Html]);
    }

    [Fact]
    public async Task AnXPlotChartReturnedByACellDrawsOffline()
    {
        // As a notebook would load it (`#r` of the library's DLL; here the copy in the test output).
        var session = new ScriptSession(AppContext.BaseDirectory);
        var result = await session.ExecuteAsync(
            "#r \"XPlot.Plotly.dll\"\nXPlot.Plotly.Chart.Plot(new XPlot.Plotly.Scatter { x = new[] { 1, 2, 3 }, y = new[] { 3, 1, 2 }, name = \"cell\" })",
            new RecordingSink());
        Assert.True(result.Succeeded, result.Error?.Value);
        var html = result.Value!.Data[DisplayFormatter.Html];
        ChartHtml.AssertDrawsOffline(html);
        Assert.Equal("cell", ChartHtml.Figure(html)["data"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("Figure: 1 trace\n  scatter 'cell' (3 points)", result.Value.PlainText);
    }

    [Fact]
    public async Task APlotlyNetChartReturnedByACellDrawsOffline()
    {
        // Plotly.NET 6 with its own FSharp.Core 10.1 (which the .NET Interactive host lacks) loads in this kernel. F#'s optional
        // arguments are positional to C#: x, y, ShowMarkers, Name, then 28 more left as None (null).
        var session = new ScriptSession(AppContext.BaseDirectory);
        var code = "#r \"FSharp.Core.dll\"\n#r \"Plotly.NET.dll\"\n" +
            "Plotly.NET.Chart2D_Scatter.Chart.Line<int, int, string>(new[] { 1, 2, 3 }, new[] { 5, 4, 6 }, null, \"cell\", " +
            string.Join(", ", Enumerable.Repeat("null", 28)) + ")";
        var result = await session.ExecuteAsync(code, new RecordingSink());
        Assert.True(result.Succeeded, result.Error?.Value);
        var html = result.Value!.Data[DisplayFormatter.Html];
        ChartHtml.AssertDrawsOffline(html);
        var trace = ChartHtml.Figure(html)["data"]![0]!;
        Assert.Equal("cell", trace["name"]!.GetValue<string>());
        Assert.Equal([5, 4, 6], trace["y"]!.AsArray().Select(v => v!.GetValue<int>()));
        Assert.Equal("Figure: 1 trace\n  scatter 'cell' (3 points)", result.Value.PlainText);
    }
}
