using System.Diagnostics;
using System.Globalization;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Training.Callbacks;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Cli.Examples;

/// <summary>
/// A time-series forecaster: a generated hourly series with a daily and a weekly season, a slow trend and noise; windows of the
/// last 48 hours predict the next hour with a GRU(32) → Dense(1) model. The model is trained on the first 80% of the series and
/// compared, by mean absolute error on the last 20%, with the naive forecasts "same as the last hour" and "same as a day ago".
/// </summary>
internal sealed class TimeSeriesExample(TimeSeriesExample.Options options, TextWriter output)
{
    private const int Day = 24;
    private const int Week = 7 * Day;

    internal sealed record Options(int Epochs = 4, int BatchSize = 32, int Hours = 3000, int Window = 48, int Seed = 42);

    /// <summary>The History and the test MAEs (in the series' units) of the model and the two naive forecasts; seconds per epoch.</summary>
    internal sealed record Result(History History, double ModelMae, double LastValueMae, double SeasonalMae, double SecondsPerEpoch);

    public Result Run()
    {
        var series = Generate();
        var mean = series.Take(series.Length * 4 / 5).Average();
        var scale = Math.Sqrt(series.Take(series.Length * 4 / 5).Average(v => (v - mean) * (v - mean)));
        var normalized = series.Select(v => (float)((v - mean) / scale)).ToArray();
        var window = options.Window;
        var targets = Enumerable.Range(window, normalized.Length - window).ToArray();
        var split = targets.Count(t => t < series.Length * 4 / 5);
        var (xTrain, yTrain) = Windows(normalized, targets[..split]);
        var (xTest, yTest) = Windows(normalized, targets[split..]);
        output.WriteLine($"Series: {series.Length} hours (daily and weekly seasons, trend, noise); windows of {window} hours predict the next; train {xTrain.Shape[0]}, test {xTest.Shape[0]}");

        SetRandomSeed(options.Seed);
        Sequential model = Sequential(
            Input([window, 1]),
            GRU(32),
            Dense(1));
        model.Compile(optimizer: Adam(learningRate: 0.005), loss: "mse", metrics: ["mae"]);
        output.WriteLine(model.Summary());
        var clock = Stopwatch.StartNew();
        var history = model.Fit(xTrain, yTrain, batchSize: options.BatchSize, epochs: options.Epochs, verbose: 2,
            callbacks: [new ProgbarLogger(new TextProgressRenderer(output, live: false))]);
        var secondsPerEpoch = clock.Elapsed.TotalSeconds / Math.Max(1, history.Epoch.Count);

        var predicted = model.Predict(xTest, verbose: 0).ToArray();
        var tests = targets[split..];
        double Mae(Func<int, int, double> forecast) => tests.Select((t, i) => Math.Abs(forecast(t, i) - series[t])).Average();
        var modelMae = Mae((_, i) => predicted[i] * scale + mean);
        var lastValueMae = Mae((t, _) => series[t - 1]);
        var seasonalMae = Mae((t, _) => series[t - Day]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Test MAE: model {modelMae:F3}, naive last hour {lastValueMae:F3}, naive same hour yesterday {seasonalMae:F3}; {secondsPerEpoch:F1} s per epoch"));
        return new Result(history, modelMae, lastValueMae, seasonalMae, secondsPerEpoch);
    }

    private double[] Generate()
    {
        var random = new Random(options.Seed);
        return Enumerable.Range(0, options.Hours).Select(t =>
            10.0 + 0.002 * t
            + 2.0 * Math.Sin(2 * Math.PI * t / Day)
            + 1.0 * Math.Sin(2 * Math.PI * t / Week + 1.0)
            + 0.3 * Gaussian(random)).ToArray();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    // (count, window, 1) inputs: the hours before each target; (count, 1) targets.
    private (Tensor X, Tensor Y) Windows(float[] values, int[] targets)
    {
        var window = options.Window;
        var x = new float[targets.Length * window];
        for (var i = 0; i < targets.Length; i++) Array.Copy(values, targets[i] - window, x, i * window, window);
        return (Tensor.FromArray(x, targets.Length, window, 1), Tensor.FromArray(targets.Select(t => values[t]).ToArray(), targets.Length, 1));
    }
}
