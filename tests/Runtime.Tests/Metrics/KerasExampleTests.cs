using NotebookKeras.Runtime.Metrics;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Tests.Metrics;

/// <summary>The examples of Keras's own docstrings (keras/src/metrics/*.py), with the values Keras prints.</summary>
public class KerasExampleTests
{
    private static Tensor T(float[,] values) => Tensor.FromArray(values);

    private static Tensor V(params float[] values) => Tensor.FromArray(values);

    private static void Check(float expected, Metric metric, Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        metric.ResetState();
        metric.UpdateState(yTrue, yPred, sampleWeight);
        Assert.Equal(expected, metric.Result().Item(), 1e-6f);
    }

    [Fact]
    public void MeanAndSum()
    {
        var mean = new Mean();
        mean.UpdateState(V(1, 3, 5, 7));
        Assert.Equal(4f, mean.Result().Item());
        mean.ResetState();
        mean.UpdateState(V(1, 3, 5, 7), V(1, 1, 0, 0));
        Assert.Equal(2f, mean.Result().Item());

        var sum = new Sum();
        sum.UpdateState(V(1, 3, 5, 7));
        Assert.Equal(16f, sum.Result().Item());
        sum.ResetState();
        sum.UpdateState(V(1, 3, 5, 7), V(1, 1, 0, 0));
        Assert.Equal(4f, sum.Result().Item());
    }

    [Fact]
    public void Accuracies()
    {
        Tensor labels = T(new float[,] { { 1 }, { 2 }, { 3 }, { 4 } }), predictions = T(new float[,] { { 0 }, { 2 }, { 3 }, { 4 } });
        Check(0.75f, new Accuracy(), labels, predictions);
        Check(0.5f, new Accuracy(), labels, predictions, V(1, 1, 0, 0));

        Tensor binaryLabels = T(new float[,] { { 1 }, { 1 }, { 0 }, { 0 } }), binaryPredictions = T(new float[,] { { 0.98f }, { 1 }, { 0 }, { 0.6f } });
        Check(0.75f, new BinaryAccuracy(), binaryLabels, binaryPredictions);
        Check(0.5f, new BinaryAccuracy(), binaryLabels, binaryPredictions, V(1, 0, 0, 1));

        Tensor oneHot = T(new float[,] { { 0, 0, 1 }, { 0, 1, 0 } }), scores = T(new float[,] { { 0.1f, 0.9f, 0.8f }, { 0.05f, 0.95f, 0 } });
        Check(0.5f, new CategoricalAccuracy(), oneHot, scores);
        Check(0.3f, new CategoricalAccuracy(), oneHot, scores, V(0.7f, 0.3f));
        Check(0.5f, new TopKCategoricalAccuracy(k: 1), oneHot, scores);
        Check(0.3f, new TopKCategoricalAccuracy(k: 1), oneHot, scores, V(0.7f, 0.3f));

        var sparseScores = T(new float[,] { { 0.1f, 0.6f, 0.3f }, { 0.05f, 0.95f, 0 } });
        Check(0.5f, new SparseCategoricalAccuracy(), Tensor.FromArray([2, 1], 2, 1), sparseScores);
        Check(0.3f, new SparseCategoricalAccuracy(), Tensor.FromArray([2, 1], 2, 1), sparseScores, V(0.7f, 0.3f));
        Check(0.5f, new SparseTopKCategoricalAccuracy(k: 1), Tensor.FromArray([2, 1]), scores);
        Check(0.3f, new SparseTopKCategoricalAccuracy(k: 1), Tensor.FromArray([2, 1]), scores, V(0.7f, 0.3f));
    }

    [Fact]
    public void RegressionErrors()
    {
        Tensor labels = T(new float[,] { { 0, 1 }, { 0, 0 } }), predictions = T(new float[,] { { 1, 1 }, { 0, 0 } });
        Check(0.25f, new MeanSquaredError(), labels, predictions);
        Check(0.25f, new MeanAbsoluteError(), labels, predictions);
        Check(0.5f, new MeanAbsoluteError(), labels, predictions, V(1, 0));
        Check(0.5f, new RootMeanSquaredError(), labels, predictions);
        Check(0.70710677f, new RootMeanSquaredError(), labels, predictions, V(1, 0));
        Check(0.12011322f, new MeanSquaredLogarithmicError(), labels, predictions);
        Check(0.24022643f, new MeanSquaredLogarithmicError(), labels, predictions, V(1, 0));
        var mape = new MeanAbsolutePercentageError();
        mape.UpdateState(labels, predictions);
        Assert.Equal(250000000f, mape.Result().Item(), 1e-5f * 250000000f);
        Check(0.57142854f, new R2Score(), T(new float[,] { { 1 }, { 4 }, { 3 } }), T(new float[,] { { 2 }, { 4 }, { 4 } }));
    }

    [Fact]
    public void Crossentropies()
    {
        Tensor labels = T(new float[,] { { 0, 1 }, { 0, 0 } }), predictions = T(new float[,] { { 0.6f, 0.4f }, { 0.4f, 0.6f } });
        Check(0.81492424f, new BinaryCrossentropy(), labels, predictions);
        // Keras's docstring prints 0.9162905 from TensorFlow, which adds epsilon inside the log; the clipped log gives 0.9162907.
        Check(0.9162907f, new BinaryCrossentropy(), labels, predictions, V(1, 0));

        Tensor oneHot = T(new float[,] { { 0, 1, 0 }, { 0, 0, 1 } }), scores = T(new float[,] { { 0.05f, 0.95f, 0 }, { 0.1f, 0.8f, 0.1f } });
        Check(1.1769392f, new CategoricalCrossentropy(), oneHot, scores);
        Check(1.6271976f, new CategoricalCrossentropy(), oneHot, scores, V(0.3f, 0.7f));
        Check(1.1769392f, new SparseCategoricalCrossentropy(), Tensor.FromArray([1, 2]), scores);
        Check(1.6271976f, new SparseCategoricalCrossentropy(), Tensor.FromArray([1, 2]), scores, V(0.3f, 0.7f));
    }

    [Fact]
    public void ConfusionMatrixMetrics()
    {
        Check(2f, new TruePositives(), V(0, 1, 1, 1), V(1, 0, 1, 1));
        Check(1f, new TruePositives(), V(0, 1, 1, 1), V(1, 0, 1, 1), V(0, 0, 1, 0));
        Check(2f, new FalsePositives(), V(0, 1, 0, 0), V(0, 0, 1, 1));
        Check(1f, new FalsePositives(), V(0, 1, 0, 0), V(0, 0, 1, 1), V(0, 0, 1, 0));
        Check(2f, new TrueNegatives(), V(0, 1, 0, 0), V(1, 1, 0, 0));
        Check(1f, new TrueNegatives(), V(0, 1, 0, 0), V(1, 1, 0, 0), V(0, 0, 1, 0));
        Check(2f, new FalseNegatives(), V(0, 1, 1, 1), V(0, 1, 0, 0));
        Check(1f, new FalseNegatives(), V(0, 1, 1, 1), V(0, 1, 0, 0), V(0, 0, 1, 0));

        Check(0.6666667f, new Precision(), V(0, 1, 1, 1), V(1, 0, 1, 1));
        Check(1f, new Precision(), V(0, 1, 1, 1), V(1, 0, 1, 1), V(0, 0, 1, 0));
        Check(0f, new Precision(topK: 2), V(0, 0, 1, 1), V(1, 1, 1, 1));
        Check(0.5f, new Precision(topK: 4), V(0, 0, 1, 1), V(1, 1, 1, 1));
        Check(0.6666667f, new Recall(), V(0, 1, 1, 1), V(1, 0, 1, 1));
        Check(1f, new Recall(), V(0, 1, 1, 1), V(1, 0, 1, 1), V(0, 0, 1, 0));

        Check(0.75f, new AUC(numThresholds: 3), V(0, 0, 1, 1), V(0, 0.5f, 0.3f, 0.9f));
        Check(1f, new AUC(numThresholds: 3), V(0, 0, 1, 1), V(0, 0.5f, 0.3f, 0.9f), V(1, 0, 0, 1));
    }

    [Fact]
    public void FScores()
    {
        var labels = Tensor.FromArray([1, 1, 1, 1, 0, 0, 1, 1, 0], 3, 3);
        var predictions = T(new float[,] { { 0.2f, 0.6f, 0.7f }, { 0.2f, 0.6f, 0.6f }, { 0.6f, 0.8f, 0 } });
        var f1 = new F1Score(threshold: 0.5f);
        f1.UpdateState(labels, predictions);
        Assert.Equal([0.5f, 0.8f, 0.6666667f], f1.Result().ToArray(), (a, b) => Math.Abs(a - b) < 1e-6f);
        var fbeta = new FBetaScore(beta: 2f, threshold: 0.5f);
        fbeta.UpdateState(labels, predictions);
        Assert.Equal([0.3846154f, 0.90909094f, 0.8333334f], fbeta.Result().ToArray(), (a, b) => Math.Abs(a - b) < 1e-6f);
    }
}
