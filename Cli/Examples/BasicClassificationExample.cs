using System.Diagnostics;
using System.Globalization;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Training.Callbacks;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Cli.Examples;

/// <summary>
/// TensorFlow's "basic classification" tutorial in C#: Fashion-MNIST scaled to [0, 1], a Flatten → Dense(128, relu) → Dense(10)
/// model compiled with Adam, sparse categorical crossentropy from logits and accuracy, fitted for 10 epochs (History per
/// epoch), then evaluated on the test set.
/// </summary>
internal sealed class BasicClassificationExample(BasicClassificationExample.Options options, TextWriter output)
{
    internal sealed record Options(int Epochs = 10, int BatchSize = 32, int Seed = 42, int? Limit = null, string? DataDirectory = null);

    /// <summary>What the run produced: the History, the test loss and accuracy, and the mean seconds per epoch.</summary>
    internal sealed record Result(History History, double TestLoss, double TestAccuracy, double SecondsPerEpoch);

    public Result Run()
    {
        var ((trainImages, trainLabels), (testImages, testLabels)) = Datasets.FashionMnist(options.DataDirectory);
        if (options.Limit is int limit)
        {
            trainImages = trainImages.Batch(0, Math.Min(limit, trainImages.Shape[0]));
            trainLabels = trainLabels.Batch(0, Math.Min(limit, trainLabels.Shape[0]));
            testImages = testImages.Batch(0, Math.Min(limit, testImages.Shape[0]));
            testLabels = testLabels.Batch(0, Math.Min(limit, testLabels.Shape[0]));
        }
        trainImages /= 255f;
        testImages /= 255f;
        output.WriteLine($"Fashion-MNIST: train images {trainImages.Shape}, test images {testImages.Shape}");

        SetRandomSeed(options.Seed);
        Sequential model = Sequential(
            Input([28, 28]),
            Flatten(),
            Dense(128, activation: "relu"),
            Dense(10));
        model.Compile(
            optimizer: Adam(),
            loss: SparseCategoricalCrossentropy(fromLogits: true),
            metrics: ["accuracy"]);
        output.WriteLine(model.Summary());

        var progress = new ProgbarLogger(new TextProgressRenderer(output, live: false));
        var clock = Stopwatch.StartNew();
        var history = model.Fit(trainImages, trainLabels, batchSize: options.BatchSize, epochs: options.Epochs, verbose: 2, callbacks: [progress]);
        var secondsPerEpoch = clock.Elapsed.TotalSeconds / Math.Max(1, history.Epoch.Count);

        output.WriteLine("History:");
        foreach (var epoch in history.Epoch.Select((e, i) => (e, i)))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  epoch {epoch.e + 1}: {string.Join(", ", history.Keys.Select(k => $"{k} {history[k][epoch.i]:F4}"))}"));
        }
        var test = model.Evaluate(testImages, testLabels, verbose: 2, callbacks: [new ProgbarLogger(new TextProgressRenderer(output, live: false))]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Test accuracy: {test["accuracy"]:F4} (loss {test.Loss:F4}); {secondsPerEpoch:F1} s per epoch"));
        return new Result(history, test.Loss, test["accuracy"], secondsPerEpoch);
    }
}
