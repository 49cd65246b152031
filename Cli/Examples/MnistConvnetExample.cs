using System.Diagnostics;
using System.Globalization;
using NotebookKeras.Runtime;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Training.Callbacks;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Cli.Examples;

/// <summary>
/// Keras's "simple MNIST convnet" example in C#, on Fashion-MNIST: images scaled to [0, 1] with a channel axis, one-hot labels,
/// Conv2D 32 3x3 relu → MaxPooling2D 2 → Conv2D 64 3x3 relu → MaxPooling2D 2 → Flatten → Dropout 0.5 → Dense 10 softmax,
/// compiled with categorical crossentropy, Adam and accuracy, fitted with validation_split 0.1 (History per epoch), then
/// evaluated on the test set.
/// </summary>
internal sealed class MnistConvnetExample(MnistConvnetExample.Options options, TextWriter output)
{
    private const int Classes = 10;

    internal sealed record Options(int Epochs = 15, int BatchSize = 128, int Seed = 42, int? Limit = null, string? DataDirectory = null,
        float ValidationSplit = 0.1f);

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
        // As the Keras example: scale to [0, 1], add the channel axis, and one-hot the labels for categorical crossentropy.
        trainImages = Ops.ExpandDims(trainImages / 255f, -1);
        testImages = Ops.ExpandDims(testImages / 255f, -1);
        var trainTargets = Ops.OneHot(trainLabels, Classes);
        var testTargets = Ops.OneHot(testLabels, Classes);
        output.WriteLine($"Fashion-MNIST: train images {trainImages.Shape}, test images {testImages.Shape}");

        SetRandomSeed(options.Seed);
        Sequential model = Sequential(
            Input([28, 28, 1]),
            Conv2D(32, kernelSize: 3, activation: "relu"),
            MaxPooling2D(poolSize: 2),
            Conv2D(64, kernelSize: 3, activation: "relu"),
            MaxPooling2D(poolSize: 2),
            Flatten(),
            Dropout(0.5),
            Dense(Classes, activation: "softmax"));
        model.Compile(optimizer: Adam(), loss: "categorical_crossentropy", metrics: ["accuracy"]);
        output.WriteLine(model.Summary());

        var progress = new ProgbarLogger(new TextProgressRenderer(output, live: false));
        var clock = Stopwatch.StartNew();
        var history = model.Fit(trainImages, trainTargets, batchSize: options.BatchSize, epochs: options.Epochs, verbose: 2,
            callbacks: [progress], validationSplit: options.ValidationSplit);
        var secondsPerEpoch = clock.Elapsed.TotalSeconds / Math.Max(1, history.Epoch.Count);

        output.WriteLine("History:");
        foreach (var epoch in history.Epoch.Select((e, i) => (e, i)))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  epoch {epoch.e + 1}: {string.Join(", ", history.Keys.Select(k => $"{k} {history[k][epoch.i]:F4}"))}"));
        }
        var test = model.Evaluate(testImages, testTargets, verbose: 2, callbacks: [new ProgbarLogger(new TextProgressRenderer(output, live: false))]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Test accuracy: {test["accuracy"]:F4} (loss {test.Loss:F4}); {secondsPerEpoch:F1} s per epoch"));
        return new Result(history, test.Loss, test["accuracy"], secondsPerEpoch);
    }
}
