using NotebookKeras.Cli.Tests.Support;
using NotebookKeras.Kernel.Notebooks;
using NotebookKeras.Visualizers.Charts;

namespace NotebookKeras.Cli.Tests.Browser;

/// <summary>A notebook report draws its charts in the browser whichever output carried plotly.js in the notebook.</summary>
public sealed class ReportChartTests
{
    [Fact]
    public async Task ChartsDrawAfterTheDisplayThatCarriedPlotlyWasUpdated()
    {
        const string Charts = "NotebookKeras.Visualizers.Charts";
        var notebook = NotebookDocument.Create(
        [
            ("code", $"var handle = Display(new {Charts}.Figure(\"first\").Add({Charts}.Traces.Scatter(\"a\", new float[] {{ 1, 2, 3 }})));"),
            // The update replaces the only output that carried plotly.js with one that relies on it.
            ("code", $"handle.Update(new {Charts}.Figure(\"updated\").Add({Charts}.Traces.Scatter(\"b\", new float[] {{ 3, 1, 2 }})));"),
            ("code", $"new {Charts}.Figure(\"second\").Add({Charts}.Traces.Bar(\"c\", new[] {{ \"x\", \"y\" }}, new float[] {{ 1, 2 }}))"),
        ]);
        var run = await new NotebookRunner(new NotebookRunner.Options()).RunAsync(notebook);
        Assert.All(run.Cells, c => Assert.True(c.Result.Succeeded, c.Result.Error?.Value));

        using var work = new TemporaryFolder("report-charts");
        var report = Path.Combine(work.Path, "report.html");
        HtmlReport.Save(notebook, report, "charts");
        var html = File.ReadAllText(report);
        Assert.Equal(html.IndexOf(PlotlyScript.ScriptElement(), StringComparison.Ordinal), html.LastIndexOf(PlotlyScript.ScriptElement(), StringComparison.Ordinal));

        var findings = RenderCheck.Run(report);
        Assert.True(!findings.Problems().Any(), findings.Describe("report.html"));
        Assert.Equal(["updated", "second"], findings.Figures.Select(f => f.Title));
        Assert.All(findings.Figures, f => Assert.True(f.Traces.Single().Marks > 0));
    }
}
