using Microsoft.FSharp.Core;
using Plotly.NET;

namespace NotebookKeras.Visualizers.Tests.Support;

/// <summary>Charts as users build them with Plotly.NET and XPlot.Plotly, for the tests that display them.</summary>
public static class UserCharts
{
    /// <summary>Plotly.NET's <c>Chart.Line(x, y, Name = name)</c>, with Plotly.NET's default template and size.</summary>
    public static GenericChart PlotlyNetLine(double[] x, double[] y, string name) =>
        // F#'s optional arguments are required positional ones to C# (null is F#'s None): x, y, ShowMarkers, Name, then 28 more.
        Chart2D_Scatter.Chart.Line<double, double, string>(x, y, null, FSharpOption<string>.Some(name),
            null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /// <summary>Plotly.NET's <c>Chart.combine</c> of two line charts: a MultiChart.</summary>
    public static GenericChart PlotlyNetTwoLines() =>
        Plotly.NET.Chart.combine([PlotlyNetLine([0, 1], [1, 2], "first"), PlotlyNetLine([0, 1], [2, 1], "second")]);

    /// <summary>XPlot.Plotly's <c>Chart.Plot(scatter)</c> with a title, an axis title and a height, as its fluent API sets them.</summary>
    public static XPlot.Plotly.PlotlyChart XPlotScatter(int[] x, int[] y, string name)
    {
        var chart = XPlot.Plotly.Chart.Plot(new XPlot.Plotly.Scatter { x = x, y = y, name = name });
        chart.WithTitle("xplot chart");
        chart.WithXTitle("epoch");
        chart.WithHeight(300);
        return chart;
    }
}
