using System.Text.RegularExpressions;
using NotebookKeras.Cli.Examples;

namespace NotebookKeras.Cli.Tests.Examples;

public class BasicClassificationExampleTests
{
    [Fact]
    public void TrainsTheTutorialMlpOnASubsetAndPrintsHistoryAndTestAccuracy()
    {
        // CI installs Debian's dataset-fashion-mnist; --limit keeps the run to a few seconds.
        var output = new StringWriter();
        var result = new BasicClassificationExample(new BasicClassificationExample.Options(Epochs: 2, Limit: 640), output).Run();
        var text = output.ToString().Replace("\r", "");

        Assert.Contains("flatten (Flatten)", text);
        Assert.Contains("Total params: 101,770", text);
        Assert.Contains("Epoch 1/2\n", text);
        Assert.Matches(new Regex(@"\n20/20 - \d+s - \d+(ms|s)/step - accuracy: 0\.\d{4} - loss: \d\.\d{4}\n"), text);
        Assert.Contains("History:\n  epoch 1: accuracy ", text);
        Assert.Matches(new Regex(@"Test accuracy: 0\.\d{4} \(loss \d\.\d{4}\); \d+\.\d s per epoch"), text);
        Assert.Equal([0, 1], result.History.Epoch);
        Assert.True(result.History["loss"][1] < result.History["loss"][0]);
        Assert.True(result.TestAccuracy > 0.5, $"test accuracy {result.TestAccuracy}");
    }

    [Fact]
    public void CommandLineRunsItAndReportsMissingData()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["example", "basic-classification", "--limit", "64", "--epochs", "1", "--batch-size", "16"], stdout, TextWriter.Null));
        Assert.Contains("Test accuracy:", stdout.ToString());

        var stderr = new StringWriter();
        var empty = Directory.CreateTempSubdirectory().FullName;
        Assert.Equal(1, CommandLine.Run(["example", "basic-classification", "--data", empty], TextWriter.Null, stderr));
        Assert.Contains("dataset-fashion-mnist", stderr.ToString());
        Assert.Equal(2, CommandLine.Run(["example", "basic-classification", "--epochs", "0"], TextWriter.Null, TextWriter.Null));
    }
}
