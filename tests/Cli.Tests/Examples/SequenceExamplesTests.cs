using System.Text.RegularExpressions;
using NotebookKeras.Cli.Examples;

namespace NotebookKeras.Cli.Tests.Examples;

/// <summary>The recurrent examples on small settings (short sequences, few samples), so each runs in seconds.</summary>
public class SequenceExamplesTests
{
    [Fact]
    public void SequenceClassifierTrainsAndReportsValidationAccuracy()
    {
        var output = new StringWriter();
        var options = new SequenceClassifierExample.Options(Epochs: 2, BatchSize: 16, Samples: 96, ValidationSamples: 32, SequenceLength: 12, Vocabulary: 40);
        var result = new SequenceClassifierExample(options, output).Run();
        var text = output.ToString().Replace("\r", "");
        // Automatic names count up within the test process: "lstm", "lstm_1", ...
        Assert.Matches(new Regex(@"embedding(_\d+)? \(Embedding\)"), text);
        Assert.Matches(new Regex(@"lstm(_\d+)? \(LSTM\)"), text);
        Assert.Contains("Total params: " + (40 * 128 + 4 * 64 * (128 + 64 + 1) + 65).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), text);
        Assert.Matches(new Regex(@"Validation accuracy: [01]\.\d{4} \(chance 0\.5\); \d+\.\d s per epoch"), text);
        Assert.Equal([0, 1], result.History.Epoch);
        Assert.True(result.History["loss"][1] < result.History["loss"][0], $"loss {result.History["loss"][0]} -> {result.History["loss"][1]}");
        Assert.InRange(result.ValidationAccuracy, 0, 1);
    }

    [Fact]
    public void TimeSeriesForecasterReportsItsErrorAndTheNaiveBaselines()
    {
        var output = new StringWriter();
        var result = new TimeSeriesExample(new TimeSeriesExample.Options(Epochs: 2, Hours: 400, Window: 24), output).Run();
        var text = output.ToString().Replace("\r", "");
        Assert.Matches(new Regex(@"gru(_\d+)? \(GRU\)"), text);
        Assert.Matches(new Regex(@"Test MAE: model \d+\.\d{3}, naive last hour \d+\.\d{3}, naive same hour yesterday \d+\.\d{3}; \d+\.\d s per epoch"), text);
        Assert.True(result.History["loss"][1] < result.History["loss"][0]);
        // The naive forecasts of a noisy seasonal series err by about the noise and the hourly change.
        Assert.InRange(result.LastValueMae, 0.2, 1.0);
        Assert.InRange(result.SeasonalMae, 0.2, 1.0);
        Assert.True(double.IsFinite(result.ModelMae));
    }

    [Fact]
    public void CommandLineRunsThemAndRejectsUnknownOptions()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["example", "time-series", "--epochs", "1", "--hours", "200", "--window", "12"], stdout, TextWriter.Null));
        Assert.Contains("Test MAE:", stdout.ToString());
        stdout = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["example", "sequence-classifier", "--epochs", "1", "--samples", "16", "--length", "8"], stdout, TextWriter.Null));
        Assert.Contains("Validation accuracy:", stdout.ToString());
        var stderr = new StringWriter();
        Assert.Equal(2, CommandLine.Run(["example", "time-series", "--units", "3"], TextWriter.Null, stderr));
        Assert.Contains("unknown option '--units' for 'example time-series'", stderr.ToString());
    }
}
