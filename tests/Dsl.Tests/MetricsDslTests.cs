using NotebookKeras.Runtime.Metrics;
using NotebookKeras.Runtime.Tensors;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

public class MetricsDslTests
{
    [Fact]
    public void FactoriesBuildConfiguredMetrics()
    {
        Assert.Equal(0.7f, BinaryAccuracy(0.7).Threshold);
        Assert.Equal(3, TopKCategoricalAccuracy(k: 3).K);
        Assert.Equal(2, SparseTopKCategoricalAccuracy(2).K);
        Assert.Equal(0.3f, Assert.Single(Precision(0.3).Thresholds));
        Assert.Equal([0.25f, 0.75f], Recall([0.25, 0.75]).Thresholds);
        Assert.Equal(2, Precision(topK: 2).TopK);
        Assert.Equal(("PR", 50), (AUC(curve: "PR", numThresholds: 50).Curve, AUC(numThresholds: 50).NumThresholds));
        Assert.Equal("macro", F1Score("macro").Average);
        Assert.Equal(2f, FBetaScore(beta: 2).Beta);
        Assert.Null(R2Score(classAggregation: null).ClassAggregation);
        Assert.True(Metrics.BinaryCrossentropy(fromLogits: true, labelSmoothing: 0.1).FromLogits);
        Assert.Equal(0.1f, Metrics.CategoricalCrossentropy(labelSmoothing: 0.1).LabelSmoothing);
        Assert.Equal("mse", Metrics.MeanSquaredError("mse").Name);
        Assert.IsType<RootMeanSquaredError>(RootMeanSquaredError());
        Assert.IsType<MeanAbsoluteError>(Metrics.MeanAbsoluteError());
        Assert.IsType<TruePositives>(TruePositives());
        Assert.Equal("accuracy", Accuracy().Name);
    }

    [Fact]
    public void MetricsAccumulateAndReset()
    {
        var labels = ConvertToTensor([0, 2, 1, 2], 4);
        var scores = ConvertToTensor([0.8f, 0.1f, 0.1f, 0.2f, 0.3f, 0.5f, 0.6f, 0.3f, 0.1f, 0.1f, 0.2f, 0.7f], 4, 3);
        Metric[] metrics = [SparseCategoricalAccuracy(), SparseTopKCategoricalAccuracy(k: 2), Metrics.SparseCategoricalCrossentropy()];
        foreach (var metric in metrics) metric.UpdateState(labels, scores);
        Assert.Equal(0.75f, metrics[0].Result().Item());
        Assert.Equal(1f, metrics[1].Result().Item());
        Assert.True(metrics[2].Result().Item() > 0);

        var loss = Metrics.Mean("loss");
        loss.UpdateState(1.5f, 4);
        loss.UpdateState(0.5f, 4);
        Assert.Equal(1f, loss.Result().Item());
        loss.ResetState();
        Assert.Equal(0f, loss.Result().Item());

        var gap = Metrics.MeanMetricWrapper((yTrue, yPred) => Runtime.Ops.Mean(Runtime.Ops.Abs(yTrue - yPred), -1), "gap");
        gap.UpdateState(Ones(2, 2), Zeros(2, 2));
        Assert.Equal(1f, gap.Result().Item());
    }

    [Fact]
    public void StringNamesConvertToMetrics()
    {
        Metric[] metrics = ["accuracy", "mae", "auc", "precision"];
        Assert.Equal([typeof(Accuracy), typeof(MeanAbsoluteError), typeof(AUC), typeof(Precision)], metrics.Select(m => m.GetType()));
    }
}
