using Microsoft.DotNet.Interactive.Formatting;
using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Interactive.Tests;

/// <summary>The extension's History formatters, without a kernel.</summary>
public sealed class HistoryFormattingTests : IDisposable
{
    public HistoryFormattingTests()
    {
        Formatter.ResetToDefault();
        KerasKernelExtension.RegisterFormatters();
    }

    public void Dispose() => Formatter.ResetToDefault();

    [Fact]
    public void AHistoryShowsItsCurvesInHtmlAndItsSummaryAsText()
    {
        var history = new History();
        history.OnEpochEnd(0, new Dictionary<string, double> { ["loss"] = 0.9 });
        history.OnEpochEnd(1, new Dictionary<string, double> { ["loss"] = 0.5 });
        Assert.Contains("Plotly.newPlot", history.ToDisplayString(HtmlFormatter.MimeType));
        Assert.Equal("History: 2 epochs; loss 0.9 \u2192 0.5", history.ToDisplayString(PlainTextFormatter.MimeType));
    }

    [Fact]
    public void AnEmptyHistoryShowsItsTextInHtml()
    {
        Assert.Equal("<pre>History: no epoch recorded</pre>", new History().ToDisplayString(HtmlFormatter.MimeType));
    }
}
