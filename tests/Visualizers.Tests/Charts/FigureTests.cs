using System.Text.Json.Nodes;
using NotebookKeras.Visualizers;
using NotebookKeras.Visualizers.Charts;
using Xunit;

namespace NotebookKeras.Visualizers.Tests.Charts;

public class FigureTests
{
    private static Figure Sample()
    {
        var figure = new Figure("curves").Add(Traces.Scatter("a", [0f, 1f, 2f], [1f, float.NaN, 3f]));
        figure.Add(Traces.Heatmap("h", [1f, 2f, 3f, 4f], 2, 2).OnSubplot(2));
        return figure.Grid(1, 2);
    }

    [Fact]
    public void Json_holds_traces_layout_and_config_with_gaps_for_non_finite_values()
    {
        var json = JsonNode.Parse(Sample().ToJson())!.AsObject();
        var data = json["data"]!.AsArray();
        Assert.Equal(2, data.Count);
        Assert.Null(data[0]!["y"]![1]);
        Assert.Equal(3f, data[0]!["y"]![2]!.GetValue<float>());
        Assert.Equal("x2", data[1]!["xaxis"]!.GetValue<string>());
        Assert.Equal(2, json["layout"]!["grid"]!["columns"]!.GetValue<int>());
        Assert.Equal("curves", json["layout"]!["title"]!["text"]!.GetValue<string>());
        Assert.False(json["config"]!["displaylogo"]!.GetValue<bool>());
    }

    [Fact]
    public void The_first_chart_of_a_page_carries_plotly_and_later_ones_do_not()
    {
        var page = new HtmlPage();
        var first = Sample().ToHtml(page);
        var second = Sample().ToHtml(page);
        Assert.Contains("window.Plotly = Plotly", first);
        Assert.True(first.Length > 1_000_000);
        Assert.DoesNotContain("window.Plotly = Plotly", second);
        Assert.Contains("Plotly.newPlot", second);
        page.Reset();
        Assert.Contains("window.Plotly = Plotly", Sample().ToHtml(page));
    }

    [Fact]
    public void Html_cannot_be_closed_early_by_trace_names()
    {
        var figure = new Figure().Add(Traces.Scatter("</script><b>", [1f], [1f]));
        var html = figure.ToHtml(new HtmlPage());
        Assert.DoesNotContain("</script><b>", html);
        Assert.Equal("</script><b>", JsonNode.Parse(figure.ToJson())!["data"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Text_form_lists_traces()
    {
        Assert.Equal("Figure \"curves\": 2 traces\n  scatter 'a' (3 points)\n  heatmap 'h' (2 points)", Sample().ToText());
    }

    [Fact]
    public void From_json_round_trips_and_rejects_what_is_not_a_figure()
    {
        var figure = Figure.FromJson(Sample().ToJson());
        Assert.Equal(Sample().ToJson(), figure.ToJson());
        var error = Assert.Throws<FormatException>(() => Figure.FromJson("{\"data\": 3}"));
        Assert.Contains("\"data\" must be an array", error.Message);
    }

    [Fact]
    public void Save_writes_json_or_a_page_that_carries_plotly()
    {
        var folder = Directory.CreateTempSubdirectory("nk-figure-");
        try
        {
            var json = Path.Combine(folder.FullName, "f.json");
            var html = Path.Combine(folder.FullName, "f.html");
            Sample().Save(json);
            Sample().Save(html);
            Assert.Equal(Sample().ToJson(), File.ReadAllText(json));
            var page = File.ReadAllText(html);
            Assert.StartsWith("<!DOCTYPE html>", page);
            Assert.Contains("window.Plotly = Plotly", page);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Mismatched_lengths_name_the_trace()
    {
        var error = Assert.Throws<ArgumentException>(() => Traces.Scatter("loss", [1f, 2f], [1f]));
        Assert.Contains("'loss'", error.Message);
    }
}
