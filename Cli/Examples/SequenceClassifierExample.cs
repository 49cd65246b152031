using System.Diagnostics;
using System.Globalization;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Training.Callbacks;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Cli.Examples;

/// <summary>
/// A recurrent sequence classifier, Embedding(20000, 128) → LSTM(64) → Dense(1, sigmoid), learning a generated task that only
/// order can solve: each sequence of random words holds a marker A and a marker B once each, and the label says whether A comes
/// first. Words follow a Zipf-like law (frequent words are common, most of the vocabulary rare, as in text). Sequences have
/// different lengths (up to 200), pre-padded with zeros that the embedding masks, so the LSTM skips them.
/// </summary>
internal sealed class SequenceClassifierExample(SequenceClassifierExample.Options options, TextWriter output)
{
    private const int MarkerA = 1;
    private const int MarkerB = 2;

    internal sealed record Options(
        int Epochs = 2, int BatchSize = 32, int Samples = 8000, int ValidationSamples = 500, int SequenceLength = 200, int Vocabulary = 20000, int Seed = 42);

    /// <summary>What the run produced: the History, the validation accuracy, and the mean seconds per epoch.</summary>
    internal sealed record Result(History History, double ValidationAccuracy, double SecondsPerEpoch);

    public Result Run()
    {
        var random = new Random(options.Seed);
        var (xTrain, yTrain) = Generate(options.Samples, random);
        var (xValidation, yValidation) = Generate(options.ValidationSamples, random);
        output.WriteLine($"Task: does marker A come before marker B? {options.Samples} training and {options.ValidationSamples} validation sequences of up to {options.SequenceLength} words from {options.Vocabulary}, zero-padded in front");

        SetRandomSeed(options.Seed);
        Sequential model = Sequential(
            Input([options.SequenceLength], dtype: DType.Int32),
            Embedding(options.Vocabulary, 128, maskZero: true),
            LSTM(64),
            Dense(1, activation: "sigmoid"));
        model.Compile(optimizer: Adam(learningRate: 0.003), loss: "binary_crossentropy", metrics: ["accuracy"]);
        output.WriteLine(model.Summary());

        var clock = Stopwatch.StartNew();
        var history = model.Fit(xTrain, yTrain, batchSize: options.BatchSize, epochs: options.Epochs, verbose: 2,
            validationData: (xValidation, yValidation), callbacks: [new ProgbarLogger(new TextProgressRenderer(output, live: false))]);
        var secondsPerEpoch = clock.Elapsed.TotalSeconds / Math.Max(1, history.Epoch.Count);
        var accuracy = history["val_accuracy"][^1];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Validation accuracy: {accuracy:F4} (chance 0.5); {secondsPerEpoch:F1} s per epoch"));
        return new Result(history, accuracy, secondsPerEpoch);
    }

    /// <summary>Balanced samples: random words with A and B at two distinct positions of the unpadded part.</summary>
    private (Tensor X, Tensor Y) Generate(int count, Random random)
    {
        var length = options.SequenceLength;
        var tokens = new int[count * length];
        var labels = new float[count];
        for (var n = 0; n < count; n++)
        {
            var used = random.Next(Math.Max(2, length / 2), length + 1);
            var start = n * length + length - used;
            for (var t = start; t < start + used; t++) tokens[t] = Word(random);
            var a = random.Next(used);
            var b = random.Next(used - 1);
            if (b >= a) b++;
            tokens[start + a] = MarkerA;
            tokens[start + b] = MarkerB;
            labels[n] = a < b ? 1f : 0f;
        }
        return (Tensor.FromArray(tokens, count, length), Tensor.FromArray(labels, count, 1));
    }

    // Log-uniform over the non-marker ids (Zipf's law with exponent 1): id k is drawn with probability about 1/k.
    private int Word(Random random)
    {
        var first = MarkerB + 1;
        var id = (int)(first * Math.Exp(random.NextDouble() * Math.Log((double)options.Vocabulary / first)));
        return Math.Min(id, options.Vocabulary - 1);
    }
}
