using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Training;
using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Runtime.Tests.Training;

// Draws from the global random generator and reseeds it: runs apart from tests that do the same.
[Collection("GlobalRandomState")]
public class FitTests
{
    [Fact]
    public void ATinyModelLearnsGeneratedBlobsToNearPerfectAccuracy()
    {
        SeedGenerator.SetGlobalSeed(3);
        var (x, y) = TrainingData.Blobs(240);
        var (xTest, yTest) = TrainingData.Blobs(90, seed: 2);
        var model = TrainingData.Classifier();
        model.Compile(new SGD(learningRate: 0.1f), new SparseCategoricalCrossentropy(fromLogits: true), ["accuracy"]);

        var history = model.Fit(x, y, batchSize: 16, epochs: 15, verbose: 0);

        Assert.Equal(Enumerable.Range(0, 15), history.Epoch);
        Assert.Equal(["accuracy", "loss"], history.Keys);
        Assert.True(history["loss"][^1] < history["loss"][0] / 4, $"loss {history["loss"][0]} -> {history["loss"][^1]}");
        var result = model.Evaluate(xTest, yTest, verbose: 0);
        Assert.Equal(["loss", "accuracy"], result.Names);
        Assert.True(result["accuracy"] >= 0.98, $"test accuracy {result["accuracy"]}");
        Assert.Same(history, model.History);

        var predictions = model.Predict(xTest, batchSize: 7, verbose: 0);
        Assert.Equal(new Shape(90, 3), predictions.Shape);
        var predicted = Runtime.Ops.ArgMax(predictions, axis: -1).ToIntArray();
        var correct = predicted.Zip(yTest.ToIntArray()).Count(p => p.First == p.Second);
        Assert.Equal(result["accuracy"], correct / 90.0, 6);
    }

    [Fact]
    public void HistoryLossIsTheBatchSizeWeightedMeanOfTheEpochsSteps()
    {
        // With a learning rate of 0 the loss of every step is that of the initial weights: the epoch's "loss" is their mean.
        var (x, y) = TrainingData.Line(10);
        var model = new Sequential().Add(InputLayer.Create(new Shape(1))).Add(new Dense(1, kernelInitializer: "ones", biasInitializer: "zeros"));
        model.Compile(new SGD(learningRate: 0f), new MeanSquaredError());
        var batchLosses = new List<double>();
        var history = model.Fit(x, y * 3f, batchSize: 4, epochs: 1, verbose: 0, shuffle: false,
            callbacks: [new LambdaCallback(onTrainBatchEnd: (_, logs) => batchLosses.Add(logs["loss"]))]);
        // Batches of 4, 4 and 2 samples; the running mean after the last batch is the mean over all 10 samples of (2x)².
        var expected = Enumerable.Range(0, 10).Average(i => 4.0 * i * i);
        Assert.Equal(3, batchLosses.Count);
        Assert.Equal(expected, history["loss"][0], 3);
        Assert.Equal(expected, batchLosses[^1], 3);
        Assert.Equal(Enumerable.Range(0, 4).Average(i => 4.0 * i * i), batchLosses[0], 3);
    }

    [Fact]
    public void ValidationSplitHoldsOutTheLastFractionBeforeShuffling()
    {
        // y = x: with the weights frozen at zero, val_loss is the mean of y² over exactly the validation samples.
        var (x, y) = TrainingData.Line(8);
        var model = new Sequential().Add(InputLayer.Create(new Shape(1))).Add(new Dense(1, kernelInitializer: "zeros"));
        model.Compile(new SGD(learningRate: 0f), new MeanSquaredError());
        var history = model.Fit(x, y, batchSize: 3, epochs: 2, validationSplit: 0.25, shuffle: true, verbose: 0);
        Assert.Equal(["loss", "val_loss"], history.Keys);
        Assert.Equal((36 + 49) / 2.0, history["val_loss"][0], 4);
        Assert.Equal(Enumerable.Range(0, 6).Average(i => (double)i * i), history["loss"][1], 4);
    }

    [Fact]
    public void ValidationDataAndValidationFreq()
    {
        var (x, y) = TrainingData.Line(6);
        var model = new Sequential().Add(InputLayer.Create(new Shape(1))).Add(new Dense(1, kernelInitializer: "zeros"));
        model.Compile(new SGD(learningRate: 0f), new MeanSquaredError());
        var xVal = Tensor.FromArray([1f, 1f], 2, 1);
        var yVal = Tensor.FromArray([2f, 4f], 2, 1);
        var history = model.Fit(x, y, epochs: 4, validationData: (xVal, yVal), validationFreq: 2, verbose: 0);
        Assert.Equal(4, history["loss"].Count);
        Assert.Equal([10.0, 10.0], history["val_loss"]);
    }

    [Fact]
    public void SampleWeightAndClassWeightWeighTheLoss()
    {
        var (x, y) = TrainingData.Line(4);
        var model = new Sequential().Add(InputLayer.Create(new Shape(1))).Add(new Dense(1, kernelInitializer: "zeros"));
        model.Compile(new SGD(learningRate: 0f), new MeanSquaredError());
        var weights = Tensor.FromArray([1f, 0f, 0f, 2f], 4);
        var weighted = model.Evaluate(x, y, sampleWeight: weights, verbose: 0);
        Assert.Equal((0 + 0 + 0 + 2 * 9) / 4.0, weighted.Loss, 5);

        var labels = Tensor.FromArray([0, 1, 1, 2], 4);
        var classifier = TrainingData.Classifier();
        classifier.Compile(new SGD(learningRate: 0f), new SparseCategoricalCrossentropy(fromLogits: true));
        var inputs = Tensor.FromArray([0.5f, 1f, -1f, 2f, 0f, 0f, 3f, -2f], 4, 2);
        var perSample = new SparseCategoricalCrossentropy(fromLogits: true).ComputeValues(labels, classifier.Predict(inputs, verbose: 0)).ToArray();
        var result = classifier.TrainOnBatch(inputs, labels, classWeight: new Dictionary<int, float> { [1] = 3f, [2] = 0.5f });
        Assert.Equal((perSample[0] + 3 * perSample[1] + 3 * perSample[2] + 0.5 * perSample[3]) / 4, result.Loss, 5);
    }

    [Fact]
    public void RegularizationPenaltiesAreAddedToTheLoss()
    {
        var (x, y) = TrainingData.Line(4);
        var model = new Sequential().Add(InputLayer.Create(new Shape(1)))
            .Add(new Dense(1, kernelInitializer: "ones", biasInitializer: "zeros", kernelRegularizer: new Runtime.Regularizers.L2(0.5f)));
        model.Compile(new SGD(learningRate: 0f), new MeanSquaredError());
        // The kernel (1) fits y = x exactly: the loss is the penalty alone, 0.5 * 1².
        Assert.Equal(0.5, model.Evaluate(x, y, verbose: 0).Loss, 6);
    }

    [Fact]
    public void TrainTestAndPredictOnBatch()
    {
        var (x, y) = TrainingData.Line(5, a: 2f);
        var model = new Sequential().Add(InputLayer.Create(new Shape(1))).Add(new Dense(1, kernelInitializer: "zeros"));
        var optimizer = new SGD(learningRate: 0.01f);
        model.Compile(optimizer, new MeanSquaredError());
        var before = model.TestOnBatch(x, y);
        Assert.Equal(Enumerable.Range(0, 5).Average(i => 4.0 * i * i), (double)before, 4);
        var after = model.TrainOnBatch(x, y, returnDict: true);
        Assert.Equal(1, optimizer.Iterations);
        Assert.True(after.IsDictionary);
        Assert.StartsWith("{'loss': ", after.ToString());
        var p = model.PredictOnBatch(x);
        Assert.Equal(new Shape(5, 1), p.Shape);
        Assert.True(p.ToArray()[4] > 0);
        Assert.True(model.TestOnBatch(x, y).Loss < before.Loss);
    }

    [Fact]
    public void BatchSourcesTrainEvaluateAndPredict()
    {
        var (x, y) = TrainingData.Line(12, a: 0.5f);
        IEnumerable<(Tensor, Tensor)> Batches()
        {
            for (var i = 0; i < 12; i += 4) yield return (x.Batch(i, 4), y.Batch(i, 4));
        }
        var model = new Sequential().Add(InputLayer.Create(new Shape(1))).Add(new Dense(1, kernelInitializer: "zeros"));
        var optimizer = new SGD(learningRate: 0.001f);
        model.Compile(optimizer, new MeanSquaredError());
        var history = model.Fit(Batches(), epochs: 3, verbose: 0);
        Assert.Equal(9, optimizer.Iterations);
        Assert.True(history["loss"][2] < history["loss"][0]);

        // stepsPerEpoch carries the pass over to the next epoch; a pass that runs out ends the epoch early (2 + 1 + 2 steps).
        model.Fit(Batches(), epochs: 3, stepsPerEpoch: 2, verbose: 0);
        Assert.Equal(14, optimizer.Iterations);

        var evaluated = model.Evaluate(Batches(), verbose: 0);
        Assert.Equal(model.Evaluate(x, y, verbose: 0).Loss, evaluated.Loss, 5);
        var predicted = model.Predict(Batches().Select(b => new Batch(b.Item1)), verbose: 0);
        TensorAssertClose(model.Predict(x, verbose: 0), predicted);
    }

    [Fact]
    public void StepsPerEpochWithArraysContinuesThePassAcrossEpochs()
    {
        var (x, y) = TrainingData.Line(10);
        var model = new Sequential().Add(InputLayer.Create(new Shape(1))).Add(new Dense(1, kernelInitializer: "zeros"));
        var optimizer = new SGD(learningRate: 0f);
        model.Compile(optimizer, new MeanSquaredError());
        var seen = new List<int>();
        model.Fit(x, y, batchSize: 4, epochs: 3, stepsPerEpoch: 2, shuffle: false, verbose: 0,
            callbacks: [new LambdaCallback(onTrainBatchBegin: (b, _) => seen.Add(b))]);
        // 3 batches per pass, as Keras: epoch 0 takes batches 1-2, epoch 1 batch 3 (the pass runs out: the epoch ends early), epoch 2 batches 1-2.
        Assert.Equal([0, 1, 0, 0, 1], seen);
        Assert.Equal(5, optimizer.Iterations);
    }

    [Fact]
    public void MultiInputMultiOutputFitWithNameKeyedLosses()
    {
        SeedGenerator.SetGlobalSeed(11);
        var a = InputLayer.Create(new Shape(3), name: "a");
        var b = InputLayer.Create(new Shape(2), name: "b");
        var hidden = new Dense(8, activation: "tanh").Apply(new Runtime.Layers.Merge.Concatenate().Apply([a, b]));
        var reg = new Dense(1, name: "reg").Apply(hidden);
        var cls = new Dense(3, name: "cls").Apply(hidden);
        var model = new Functional([a, b], [reg, cls]);
        model.Compile(new SGD(learningRate: 0.05f),
            loss: new Dictionary<string, Loss?> { ["cls"] = new SparseCategoricalCrossentropy(fromLogits: true), ["reg"] = new MeanSquaredError() },
            metrics: new Dictionary<string, MetricSpec[]> { ["cls"] = [new Runtime.Metrics.SparseCategoricalAccuracy("accuracy")] },
            lossWeights: new Dictionary<string, float> { ["reg"] = 0.5f });

        var n = 32;
        var xa = GradientCheckRandom(1, n, 3);
        var xb = GradientCheckRandom(2, n, 2);
        var yReg = Runtime.Ops.Sum(xa, axis: 1, keepDims: true);
        var yCls = Tensor.FromArray(Enumerable.Range(0, n).Select(i => i % 3).ToArray(), n);
        var history = model.Fit(
            new Dictionary<string, Tensor> { ["b"] = xb, ["a"] = xa },
            new Dictionary<string, Tensor> { ["cls"] = yCls, ["reg"] = yReg },
            batchSize: 8, epochs: 3, verbose: 0);

        Assert.Equal(["accuracy".Insert(0, "cls_"), "cls_loss", "loss", "reg_loss"], history.Keys);
        for (var e = 0; e < 3; e++) Assert.Equal(history["loss"][e], history["reg_loss"][e] + history["cls_loss"][e], 4);

        var result = model.Evaluate([xa, xb], [yReg, yCls], returnDict: true, verbose: 0);
        Assert.Equal(["loss", "cls_accuracy", "reg_loss", "cls_loss"], result.Names);
        var mse = new MeanSquaredError().Call(yReg, model.PredictMany([xa, xb], verbose: 0)[0]).Item();
        Assert.Equal(0.5 * mse, result["reg_loss"], 4);

        var outputs = model.PredictMany([xa, xb], batchSize: 5, verbose: 0);
        Assert.Equal(new Shape(n, 1), outputs[0].Shape);
        Assert.Equal(new Shape(n, 3), outputs[1].Shape);
        Assert.Throws<InvalidOperationException>(() => model.Predict([xa, xb], verbose: 0));
    }

    [Fact]
    public void CancellationStopsAtABatchBoundaryAndLeavesAModelThatPredicts()
    {
        var (x, y) = TrainingData.Blobs(64);
        var model = TrainingData.Classifier();
        var optimizer = new SGD(learningRate: 0.1f);
        model.Compile(optimizer, new SparseCategoricalCrossentropy(fromLogits: true));
        using var cancel = new CancellationTokenSource();
        var batches = 0;
        var stop = new LambdaCallback(onTrainBatchEnd: (_, _) =>
        {
            if (++batches == 3) cancel.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() => model.Fit(x, y, batchSize: 8, epochs: 5, verbose: 0, callbacks: [stop], cancellationToken: cancel.Token));
        Assert.Equal(3, optimizer.Iterations);
        var predictions = model.Predict(x, verbose: 0);
        Assert.All(predictions.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.True(double.IsFinite(model.Evaluate(x, y, verbose: 0).Loss));
        // It saves, and the saved weights give the same predictions.
        var saved = Path.Combine(Directory.CreateTempSubdirectory().FullName, "cancelled.keras");
        model.Save(saved);
        var copy = TrainingData.Classifier();
        copy.LoadWeights(saved);
        Support.TensorAssert.Equal(predictions, copy.Predict(x, verbose: 0));
        // The model trains on afterwards.
        model.Fit(x, y, batchSize: 8, epochs: 1, verbose: 0);
        Assert.Equal(11, optimizer.Iterations);
    }

    [Fact]
    public void SetGlobalSeedMakesAFitBitForBitReproducible()
    {
        float[][] Run()
        {
            SeedGenerator.SetGlobalSeed(1234);
            var (x, y) = TrainingData.Blobs(48);
            var model = new Sequential().Add(InputLayer.Create(new Shape(2))).Add(new Dense(8, activation: "relu"))
                .Add(new Runtime.Layers.Core.Dropout(0.2f)).Add(new Dense(3));
            model.Compile(new SGD(learningRate: 0.05f), new SparseCategoricalCrossentropy(fromLogits: true));
            model.Fit(x, y, batchSize: 8, epochs: 3, shuffle: true, verbose: 0);
            return model.GetWeights().Select(w => w.ToArray()).ToArray();
        }
        var first = Run();
        var second = Run();
        Assert.Equal(first.Length, second.Length);
        for (var i = 0; i < first.Length; i++) Assert.Equal(first[i], second[i]);
    }

    [Fact]
    public void SequentialWithoutInputAndSubclassedModelsFit()
    {
        var (x, y) = TrainingData.Blobs(60);
        var lazy = new Sequential([new Dense(8, activation: "relu"), new Dense(3)]);
        Assert.False(lazy.Built);
        lazy.Compile(new Adam(learningRate: 0.05f), new SparseCategoricalCrossentropy(fromLogits: true), ["accuracy"]);
        var history = lazy.Fit(x, y, batchSize: 10, epochs: 10, verbose: 0);
        Assert.True(lazy.Built);
        Assert.True(history["accuracy"][^1] > 0.9, $"accuracy {history["accuracy"][^1]}");
        Assert.Equal(["loss", "accuracy"], lazy.MetricsNames);

        var custom = new TwoLayerModel();
        custom.Compile(new Adam(learningRate: 0.05f), new SparseCategoricalCrossentropy(fromLogits: true), ["accuracy"]);
        history = custom.Fit(x, y, batchSize: 10, epochs: 10, verbose: 0);
        Assert.True(history["accuracy"][^1] > 0.9, $"accuracy {history["accuracy"][^1]}");
        Assert.Equal(new Shape(60, 3), custom.Predict(x, verbose: 0).Shape);
        Assert.Equal(4, custom.TrainableWeights.Count);
    }

    /// <summary>A subclassed model: layers in fields, Call overridden.</summary>
    private sealed class TwoLayerModel : Model
    {
        private readonly Dense _hidden = new(8, activation: "relu");
        private readonly Dense _output = new(3);

        protected internal override Tensor Call(Tensor inputs, bool training, Tensor? mask) => _output.Apply(_hidden.Apply(inputs));
    }

    private static Tensor GradientCheckRandom(int seed, params int[] shape) => Support.GradientCheck.Random(seed, -1, 1, shape);

    private static void TensorAssertClose(Tensor expected, Tensor actual) => Support.TensorAssert.Close(expected, actual);
}
