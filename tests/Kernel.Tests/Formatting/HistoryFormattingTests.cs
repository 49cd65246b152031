using NotebookKeras.Kernel.Formatting;
using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Kernel.Tests.Formatting;

public class HistoryFormattingTests
{
    [Fact]
    public void AHistoryShowsItsTrainingCurvesAndItsTextSummary()
    {
        var history = new History();
        history.OnEpochEnd(0, new Dictionary<string, double> { ["loss"] = 0.9, ["val_loss"] = 1.0 });
        history.OnEpochEnd(1, new Dictionary<string, double> { ["loss"] = 0.5, ["val_loss"] = 0.7 });
        var formatter = DisplayFormatter.CreateDefault();
        var bundle = formatter.Format(history);
        Assert.Contains("Plotly.newPlot", bundle[DisplayFormatter.Html]);
        Assert.Contains("\"val_loss\"", bundle[DisplayFormatter.Html]);
        Assert.Equal("History: 2 epochs; loss 0.9 \u2192 0.5, val_loss 1 \u2192 0.7", bundle[DisplayFormatter.PlainText]);
        // The session's page carries plotly.js once: a second history reuses it.
        Assert.DoesNotContain("window.Plotly = Plotly", formatter.Format(history)[DisplayFormatter.Html]);
    }

    [Fact]
    public void AnEmptyHistoryShowsAsText()
    {
        var bundle = DisplayFormatter.CreateDefault().Format(new History());
        Assert.Equal("History: no epoch recorded", Assert.Single(bundle).Value);
    }
}
