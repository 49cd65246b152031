using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Training;

namespace NotebookKeras.Runtime.Tests.Training;

/// <summary>Bad input is reported clearly, before any training step runs.</summary>
public class DataErrorTests
{
    private static (Sequential Model, SGD Optimizer) Compiled()
    {
        var model = TrainingData.Classifier();
        var optimizer = new SGD();
        model.Compile(optimizer, new SparseCategoricalCrossentropy(fromLogits: true));
        return (model, optimizer);
    }

    [Fact]
    public void SampleCountMismatchBetweenXAndY()
    {
        var (model, optimizer) = Compiled();
        var (x, y) = TrainingData.Blobs(10);
        var e = Assert.Throws<ArgumentException>(() => model.Fit(x, y.Batch(0, 9), verbose: 0));
        Assert.Contains("data cardinality is ambiguous", e.Message);
        Assert.Contains("'x' sizes: 10", e.Message);
        Assert.Contains("'y' sizes: 9", e.Message);
        Assert.Equal(0, optimizer.Iterations);
        // Batch sources are checked batch by batch, before each step.
        IEnumerable<(Tensor, Tensor)> Bad() { yield return (x, y.Batch(0, 3)); }
        Assert.Throws<ArgumentException>(() => model.Fit(Bad(), verbose: 0));
        Assert.Equal(0, optimizer.Iterations);
    }

    [Fact]
    public void WrongInputShapeNamesTheExpectedShapeAndSuggestsAReshape()
    {
        var (model, optimizer) = Compiled();
        var e = Assert.Throws<ArgumentException>(() => model.Fit(Tensor.Zeros(4, 1, 2), Tensor.FromArray([0, 1, 2, 0], 4), verbose: 0));
        Assert.Contains("expects samples of shape (2,)", e.Message);
        Assert.Contains("(4, 1, 2)", e.Message);
        Assert.Contains("x.Reshape(-1, 2)", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.Predict(Tensor.Zeros(4, 5), verbose: 0));
        Assert.Contains("expects samples of shape (2,)", e.Message);
        Assert.Contains("Change the data, or the model's Input shape", e.Message);
        Assert.Equal(0, optimizer.Iterations);
    }

    [Fact]
    public void LabelsOutOfRangeForSparseCategoricalCrossentropy()
    {
        var (model, optimizer) = Compiled();
        var (x, _) = TrainingData.Blobs(4);
        var e = Assert.Throws<ArgumentException>(() => model.Fit(x, Tensor.FromArray([0, 2, 3, 1], 4), verbose: 0));
        Assert.Contains("(which has 3 units) are not valid for sparse_categorical_crossentropy", e.Message);
        Assert.Contains("label 3 at position 2 of y_true is out of range for 3 classes", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.Evaluate(x, Tensor.FromArray([0f, -1f, 1f, 1f], 4), verbose: 0));
        Assert.Contains("label -1 at position 1", e.Message);
        Assert.Equal(0, optimizer.Iterations);
    }

    [Fact]
    public void UnknownNamesListTheClosestValidOnes()
    {
        Assert.Equal(["sparse_categorical_crossentropy", "categorical_crossentropy"],
            NameSuggestions.Closest("sparse_categorical_crossentropyy", ["mse", "categorical_crossentropy", "sparse_categorical_crossentropy", "hinge"], count: 2));
        var e = Assert.Throws<ArgumentException>(() => TrainingData.Classifier().Compile(new SGD(), loss: "sparse_categorical_crossentropyy"));
        Assert.Contains("Unknown loss 'sparse_categorical_crossentropyy'. The closest valid names are: sparse_categorical_crossentropy, ", e.Message);
        e = Assert.Throws<ArgumentException>(() => TrainingData.Classifier().Compile(new SGD(), loss: new Dictionary<string, string> { ["dense"] = "mean_sqared_error" }));
        Assert.Contains("The closest valid names are: mean_squared_error", e.Message);
    }

    [Fact]
    public void ArgumentAndCompileErrors()
    {
        var (x, y) = TrainingData.Blobs(6);
        var model = TrainingData.Classifier();
        Assert.Contains("Compile()", Assert.Throws<InvalidOperationException>(() => model.Fit(x, y, verbose: 0)).Message);
        model.Compile(new SGD(), new SparseCategoricalCrossentropy(fromLogits: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(x, y, batchSize: 0, verbose: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(x, y, validationSplit: 1.0, verbose: 0));
        Assert.Contains("not sufficient to split", Assert.Throws<ArgumentException>(() => model.Fit(x, y, validationSplit: 0.9, verbose: 0)).Message);
        Assert.Contains("at the same time", Assert.Throws<ArgumentException>(() =>
            model.Fit(x, y, classWeight: new Dictionary<int, float> { [0] = 2 }, sampleWeight: Tensor.Ones(6), verbose: 0)).Message);
        Assert.Contains("y (the targets) is required", Assert.Throws<ArgumentException>(() => model.Fit(x, verbose: 0)).Message);

        var a = InputLayer.Create(new Shape(2), name: "a");
        var two = new Functional([a], [new Dense(1, name: "first").Apply(a), new Dense(1, name: "second").Apply(a)]);
        var keyError = Assert.Throws<ArgumentException>(() => two.Compile(new SGD(), new Dictionary<string, Loss?> { ["thrid"] = new MeanSquaredError() }));
        Assert.Contains("key 'thrid' does not correspond to any model output", keyError.Message);
        Assert.Contains("first, second", keyError.Message);
        var listError = Assert.Throws<ArgumentException>(() => two.Compile(new SGD(), new Loss[] { new MeanSquaredError(), new MeanSquaredError(), new MeanSquaredError() }));
        Assert.Contains("one entry per output", listError.Message);
        two.Compile(new SGD(), new MeanSquaredError());
        var missing = Assert.Throws<ArgumentException>(() => two.Fit(new Dictionary<string, Tensor> { ["b"] = x }, [Tensor.Zeros(6, 1), Tensor.Zeros(6, 1)], verbose: 0));
        Assert.Contains("key 'b'", missing.Message);
    }

    [Fact]
    public void AccuracyResolvesAgainstTheTargetsAndUnknownMetricNamesListCloseOnes()
    {
        var (x, y) = TrainingData.Blobs(20);
        var sparse = TrainingData.Classifier();
        sparse.Compile(new SGD(), new SparseCategoricalCrossentropy(fromLogits: true), ["accuracy", "acc"]);
        var result = sparse.Evaluate(x, y, verbose: 0);
        Assert.Equal(["loss", "accuracy", "acc"], result.Names);
        var expected = Runtime.Ops.ArgMax(sparse.Predict(x, verbose: 0), axis: -1).ToIntArray().Zip(y.ToIntArray()).Count(p => p.First == p.Second) / 20.0;
        Assert.Equal(expected, result["accuracy"], 6);
        Assert.Equal(expected, result["acc"], 6);

        var oneHot = TrainingData.Classifier();
        oneHot.Compile(new SGD(), new CategoricalCrossentropy(fromLogits: true), ["accuracy"]);
        var hot = Runtime.Ops.OneHot(y, 3);
        expected = Runtime.Ops.ArgMax(oneHot.Predict(x, verbose: 0), axis: -1).ToIntArray().Zip(y.ToIntArray()).Count(p => p.First == p.Second) / 20.0;
        Assert.Equal(expected, oneHot.Evaluate(x, hot, verbose: 0)["accuracy"], 6);

        var model = TrainingData.Classifier();
        model.Compile(new SGD(), new SparseCategoricalCrossentropy(fromLogits: true), ["sparse_categorical_acuracy"]);
        var e = Assert.Throws<ArgumentException>(() => model.Evaluate(x, y, verbose: 0));
        Assert.Contains("Unknown metric 'sparse_categorical_acuracy'. The closest valid names are: sparse_categorical_accuracy", e.Message);
    }
}
