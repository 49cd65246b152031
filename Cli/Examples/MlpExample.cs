using System.Diagnostics;
using System.Globalization;
using NotebookKeras.Runtime;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Datasets;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Cli.Examples;

/// <summary>
/// The engine's end-to-end smoke test: a 784-128-10 MLP on Fashion-MNIST written directly with <see cref="Ops"/> and the
/// <see cref="GradientTape"/> (no layers yet), trained with a hand-written Adam, reporting loss and accuracy per epoch.
/// </summary>
internal sealed class MlpExample(MlpExample.Options options, TextWriter output)
{
    internal sealed record Options(int Epochs = 5, int BatchSize = 128, int Hidden = 128, float LearningRate = 1e-3f, int Seed = 42, int? Limit = null, string? DataDirectory = null);

    /// <summary>Per-epoch figures, as Keras's History would hold them.</summary>
    internal sealed record EpochResult(int Epoch, float Loss, float Accuracy, float TestLoss, float TestAccuracy, TimeSpan Duration);

    public IReadOnlyList<EpochResult> Run()
    {
        var ((xTrain, yTrain), (xTest, yTest)) = FashionMnist.LoadData(options.DataDirectory);
        if (options.Limit is int limit)
        {
            xTrain = xTrain.Batch(0, Math.Min(limit, xTrain.Shape[0]));
            yTrain = yTrain.Batch(0, Math.Min(limit, yTrain.Shape[0]));
            xTest = xTest.Batch(0, Math.Min(limit, xTest.Shape[0]));
            yTest = yTest.Batch(0, Math.Min(limit, yTest.Shape[0]));
        }
        xTrain = xTrain.Reshape(-1, 784) / 255f;
        xTest = xTest.Reshape(-1, 784) / 255f;
        output.WriteLine($"Fashion-MNIST: train {xTrain.Shape}, test {xTest.Shape}; MLP 784-{options.Hidden}-10, batch {options.BatchSize}, Adam lr {options.LearningRate}");

        var seeds = new SeedGenerator(options.Seed);
        Variable[] parameters =
        [
            new(GlorotUniform(784, options.Hidden, seeds), "dense/kernel"),
            new(Tensor.Zeros(options.Hidden), "dense/bias"),
            new(GlorotUniform(options.Hidden, 10, seeds), "dense_1/kernel"),
            new(Tensor.Zeros(10), "dense_1/bias"),
        ];
        var adam = new Adam(parameters, options.LearningRate);

        var results = new List<EpochResult>();
        var n = xTrain.Shape[0];
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var order = Ops.RandomPermutation(n, seeds);
            double lossSum = 0;
            long correct = 0;
            for (var start = 0; start < n; start += options.BatchSize)
            {
                var count = Math.Min(options.BatchSize, n - start);
                var batch = order.Batch(start, count);
                var xb = Ops.Take(xTrain, batch, axis: 0);
                var yb = Ops.Take(yTrain, batch, axis: 0);
                Tensor[] grads;
                Tensor logits, loss;
                using (var tape = new GradientTape())
                {
                    logits = Forward(xb, parameters);
                    loss = SparseCategoricalCrossentropy(yb, logits);
                    grads = tape.Gradient(loss, parameters);
                }
                adam.Apply(grads);
                lossSum += loss.Item() * count;
                correct += CountCorrect(logits, yb);
            }
            var (testLoss, testAccuracy) = Evaluate(xTest, yTest, parameters);
            var result = new EpochResult(epoch, (float)(lossSum / n), (float)correct / n, testLoss, testAccuracy, clock.Elapsed);
            results.Add(result);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Epoch {epoch}/{options.Epochs} - {result.Duration.TotalSeconds:F1}s - loss: {result.Loss:F4} - accuracy: {result.Accuracy:F4} - test_loss: {result.TestLoss:F4} - test_accuracy: {result.TestAccuracy:F4}"));
        }
        return results;
    }

    private static Tensor Forward(Tensor x, Variable[] p)
    {
        var h = Ops.Relu(Ops.MatMul(x, p[0]) + p[1]);
        return Ops.MatMul(h, p[2]) + p[3];
    }

    /// <summary>Keras's sparse_categorical_crossentropy from logits, averaged over the batch.</summary>
    private static Tensor SparseCategoricalCrossentropy(Tensor labels, Tensor logits)
    {
        var logProbabilities = Ops.LogSoftmax(logits, axis: -1);
        var picked = Ops.Sum(Ops.OneHot(labels, logits.Shape[-1]) * logProbabilities, axis: -1);
        return -Ops.Mean(picked);
    }

    private static long CountCorrect(Tensor logits, Tensor labels)
    {
        var predicted = Ops.ArgMax(logits, axis: -1).AsIntSpan();
        var truth = labels.AsIntSpan();
        long correct = 0;
        for (var i = 0; i < truth.Length; i++) correct += predicted[i] == truth[i] ? 1 : 0;
        return correct;
    }

    private static (float Loss, float Accuracy) Evaluate(Tensor x, Tensor y, Variable[] parameters)
    {
        var logits = Forward(x, parameters);
        return (SparseCategoricalCrossentropy(y, logits).Item(), (float)CountCorrect(logits, y) / y.Shape[0]);
    }

    /// <summary>Keras's default kernel initializer: uniform in ±sqrt(6 / (fan_in + fan_out)).</summary>
    private static Tensor GlorotUniform(int fanIn, int fanOut, SeedGenerator seeds)
    {
        var limit = MathF.Sqrt(6f / (fanIn + fanOut));
        return Ops.RandomUniform([fanIn, fanOut], -limit, limit, seeds);
    }

    /// <summary>Adam with Keras 3's defaults (beta1 0.9, beta2 0.999, epsilon 1e-7), written with ops.</summary>
    private sealed class Adam(Variable[] variables, float learningRate)
    {
        private const float Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-7f;
        private readonly Tensor[] _m = variables.Select(v => Tensor.Zeros(v.Shape.ToArray())).ToArray();
        private readonly Tensor[] _v = variables.Select(v => Tensor.Zeros(v.Shape.ToArray())).ToArray();
        private int _step;

        public void Apply(Tensor[] grads)
        {
            _step++;
            var alpha = learningRate * MathF.Sqrt(1 - MathF.Pow(Beta2, _step)) / (1 - MathF.Pow(Beta1, _step));
            for (var i = 0; i < variables.Length; i++)
            {
                _m[i] = _m[i] * Beta1 + grads[i] * (1 - Beta1);
                _v[i] = _v[i] * Beta2 + Ops.Square(grads[i]) * (1 - Beta2);
                variables[i].AssignSub(_m[i] * alpha / (Ops.Sqrt(_v[i]) + Epsilon));
            }
        }
    }
}
