using NotebookKeras.Visualizers.Charts;
using NotebookKeras.Visualizers.Tests.Support;

namespace NotebookKeras.Visualizers.Tests.Charts;

public class ForeignChartsTests
{
    [Fact]
    public void A_plotly_net_line_becomes_a_figure_with_its_trace_layout_and_size()
    {
        var chart = UserCharts.PlotlyNetLine([0.5, 1.5, 2.5], [4.25, 5.25, 6.25], "line");
        Assert.True(ForeignCharts.IsChart(chart));
        var figure = ForeignCharts.ToFigure(chart);
        var trace = Assert.Single(figure.Data)!.AsObject();
        Assert.Equal("scatter", trace["type"]!.GetValue<string>());
        Assert.Equal("line", trace["name"]!.GetValue<string>());
        Assert.Equal([0.5, 1.5, 2.5], trace["x"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal([4.25, 5.25, 6.25], trace["y"]!.AsArray().Select(v => v!.GetValue<double>()));
        // Plotly.NET's default layout: its template and size, which the output box follows.
        Assert.NotNull(figure.Layout["template"]);
        Assert.Equal(600, figure.Height);
        Assert.Equal("Figure: 1 trace\n  scatter 'line' (3 points)", figure.ToText());
    }

    [Fact]
    public void A_combined_plotly_net_chart_keeps_every_trace()
    {
        var figure = ForeignCharts.ToFigure(UserCharts.PlotlyNetTwoLines());
        Assert.Equal(["first", "second"], figure.Data.Select(t => t!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void An_xplot_chart_becomes_a_figure_with_titles_plotly_js_4_draws()
    {
        var figure = ForeignCharts.ToFigure(UserCharts.XPlotScatter([1, 2, 3], [4, 5, 6], "s"));
        var trace = Assert.Single(figure.Data)!.AsObject();
        Assert.Equal([1, 2, 3], trace["x"]!.AsArray().Select(v => v!.GetValue<int>()));
        Assert.Equal([4, 5, 6], trace["y"]!.AsArray().Select(v => v!.GetValue<int>()));
        // XPlot writes string titles, which plotly.js 3+ ignores.
        Assert.Equal("xplot chart", figure.Title);
        Assert.Equal("epoch", figure.Layout["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal(300, figure.Height);
        Assert.Equal("Figure \"xplot chart\": 1 trace\n  scatter 's' (3 points)", figure.ToText());
    }

    [Fact]
    public void Converted_charts_draw_offline_with_plotly_embedded_once_per_page()
    {
        var page = new HtmlPage();
        var first = ForeignCharts.ToFigure(UserCharts.PlotlyNetLine([1, 2], [3, 4], "a")).ToHtml(page);
        var second = ForeignCharts.ToFigure(UserCharts.XPlotScatter([1, 2], [3, 4], "b")).ToHtml(page);
        ChartHtml.AssertDrawsOffline(first);
        ChartHtml.AssertDrawsOffline(second);
        Assert.True(ChartHtml.CarriesPlotly(first));
        Assert.False(ChartHtml.CarriesPlotly(second));
        Assert.Equal("b", ChartHtml.Figure(second)["data"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Other_values_are_not_charts()
    {
        Assert.False(ForeignCharts.IsChart(null));
        Assert.False(ForeignCharts.IsChart("Plotly.NET.GenericChart"));
        var error = Assert.Throws<ArgumentException>(() => ForeignCharts.ToFigure(new Figure()));
        Assert.Contains("NotebookKeras.Visualizers.Charts.Figure", error.Message);
    }
}
