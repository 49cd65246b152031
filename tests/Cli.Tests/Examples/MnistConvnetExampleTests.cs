using System.Text.RegularExpressions;
using NotebookKeras.Cli.Examples;

namespace NotebookKeras.Cli.Tests.Examples;

/// <summary>
/// Runs alone, after the parallel tests: the examples draw automatic layer names from one process-wide counter, and other
/// tests assert the names their own example gets.
/// </summary>
[CollectionDefinition(nameof(MnistConvnetExampleTests), DisableParallelization = true)]
[Collection(nameof(MnistConvnetExampleTests))]
public class MnistConvnetExampleTests : IDisposable
{
    public void Dispose() => Dsl.Keras.ClearSession();

    [Fact]
    public void TrainsTheConvnetOnASubsetAndPrintsHistoryAndTestAccuracy()
    {
        // --limit keeps the run to a few seconds: 640 training images, of which 10% are held out for validation.
        var output = new StringWriter();
        var result = new MnistConvnetExample(new MnistConvnetExample.Options(Epochs: 2, BatchSize: 64, Limit: 640), output).Run();
        var text = output.ToString().Replace("\r", "");

        Assert.Matches(new Regex(@"conv2d(_\d+)? \(Conv2D\)"), text);
        Assert.Contains("Total params: 34,826", text);
        Assert.Contains("Epoch 1/2\n", text);
        Assert.Matches(new Regex(@"\n9/9 - \d+s - \d+(ms|s)/step - accuracy: 0\.\d{4} - loss: \d\.\d{4} - val_accuracy: 0\.\d{4} - val_loss: \d\.\d{4}\n"), text);
        Assert.Contains("History:\n  epoch 1: accuracy ", text);
        Assert.Matches(new Regex(@"Test accuracy: 0\.\d{4} \(loss \d\.\d{4}\); \d+\.\d s per epoch"), text);
        Assert.Equal([0, 1], result.History.Epoch);
        Assert.True(result.History["loss"][1] < result.History["loss"][0]);
        Assert.True(result.TestAccuracy > 0.4, $"test accuracy {result.TestAccuracy}");
    }

    [Fact]
    public void CommandLineRunsItAndRejectsBadOptions()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["example", "mnist-convnet", "--limit", "64", "--epochs", "1", "--batch-size", "32"], stdout, TextWriter.Null));
        Assert.Contains("Test accuracy:", stdout.ToString());
        Assert.Contains("val_accuracy", stdout.ToString());
        var all = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["example", "mnist-convnet", "--limit", "64", "--epochs", "1", "--validation-split", "0"], all, TextWriter.Null));
        Assert.DoesNotContain("val_accuracy", all.ToString());
        var error = new StringWriter();
        Assert.Equal(2, CommandLine.Run(["example", "mnist-convnet", "--validation-split", "1"], TextWriter.Null, error));
        Assert.Contains("--validation-split expects a number from 0 up to (not including) 1, got '1'", error.ToString());
        Assert.Equal(2, CommandLine.Run(["example", "mnist-convnet", "--epochs", "0"], TextWriter.Null, TextWriter.Null));
        Assert.Equal(2, CommandLine.Run(["example", "mnist-convnet", "--width", "3"], TextWriter.Null, TextWriter.Null));
    }
}
