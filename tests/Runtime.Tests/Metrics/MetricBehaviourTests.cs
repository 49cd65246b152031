using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Metrics;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Metrics;

/// <summary>State, tapes, masks, wrappers of custom functions, and the errors for bad arguments and bad inputs.</summary>
public class MetricBehaviourTests
{
    private static Tensor T(float[,] values) => Tensor.FromArray(values);

    [Fact]
    public void StateIsNonTrainableVariablesNamedAfterTheMetric()
    {
        var precision = new Precision(name: "p");
        Assert.Equal(["p/true_positives", "p/false_positives"], precision.Variables.Select(v => v.Path));
        Assert.All(precision.Variables, v => Assert.False(v.Trainable));
        var mean = new Mean("loss");
        Assert.Equal(["loss/total", "loss/count"], mean.Variables.Select(v => v.Path));
        // Keras builds some metrics' state on the first batch, when the number of classes is known.
        var f1 = new F1Score(name: "f1");
        Assert.Empty(f1.Variables);
        f1.UpdateState(Tensor.FromArray([1f, 0f, 0f, 1f], 2, 2), Tensor.FromArray([0.9f, 0.1f, 0.2f, 0.8f], 2, 2));
        Assert.Equal(["f1/true_positives", "f1/false_positives", "f1/false_negatives", "f1/intermediate_weights"], f1.Variables.Select(v => v.Path));
        Assert.All(f1.Variables, v => Assert.Equal(new Shape(2), v.Shape));
        var r2 = new R2Score(name: "r2");
        r2.UpdateState(Tensor.Ones(3, 2), Tensor.Ones(3, 2));
        Assert.Equal(["r2/num_samples", "r2/squared_sum", "r2/sum", "r2/residual", "r2/count"], r2.Variables.Select(v => v.Path));
        Assert.Equal(4, new AUC().Variables.Count);
        Assert.Empty(new AUC(multiLabel: true).Variables);
        Assert.Equal(new Shape(200, 3), new AUC(multiLabel: true, numLabels: 3).Variables[0].Shape);
    }

    [Fact]
    public void UpdatesAreNeverRecordedOnATape()
    {
        var yPred = Tensor.FromArray([0.2f, 0.7f, 0.9f, 0.4f], 4, 1);
        var yTrue = Tensor.FromArray([0f, 1f, 1f, 0f], 4, 1);
        using var tape = new GradientTape();
        tape.Watch(yPred);
        Metric[] metrics = [new BinaryAccuracy(), new MeanSquaredError(), new BinaryCrossentropy(), new AUC(), new Precision(), new RootMeanSquaredError(), new R2Score(), new F1Score(threshold: 0.5f)];
        foreach (var metric in metrics) metric.UpdateState(yTrue, yPred);
        Assert.Equal(0, tape.RecordedCount);
    }

    [Fact]
    public void LossTrackerMeanTakesWeightedScalars()
    {
        var loss = new Mean("loss");
        loss.UpdateState(2f, 32f);
        loss.UpdateState(4f, 16f);
        Assert.Equal(128f / 48f, loss.Result().Item(), 1e-6f);
        loss.ResetState();
        Assert.Equal(0f, loss.Result().Item());
    }

    [Fact]
    public void MeanAndSumRefuseLabelsAndPredictions()
    {
        Metric mean = new Mean();
        var e = Assert.Throws<InvalidOperationException>(() => mean.UpdateState(Tensor.Ones(2), Tensor.Ones(2), null));
        Assert.Contains("Mean 'mean'", e.Message);
        Assert.Contains("UpdateState(values, sampleWeight)", e.Message);
        Metric sum = new Sum();
        Assert.Throws<InvalidOperationException>(() => sum.UpdateState(Tensor.Ones(2), Tensor.Ones(2), null));
    }

    [Fact]
    public void AMaskOnThePredictionsWeightsOutMaskedTimesteps()
    {
        var yTrue = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 2, 3, 1);
        var yPred = Tensor.FromArray([1f, 4f, 3f, 0f, 5f, 9f], 2, 3, 1);
        yPred.KerasMask = Tensor.FromArray([1f, 1f, 0f, 0f, 1f, 1f], 2, 3);
        var mse = new MeanSquaredError();
        mse.UpdateState(yTrue, yPred);
        // Valid squared errors: 0, 4, 0, 9.
        Assert.Equal(13f / 4f, mse.Result().Item(), 1e-6f);
        mse.ResetState();
        mse.UpdateState(yTrue, yPred, Tensor.FromArray([1f, 1f, 1f, 3f, 3f, 3f], 2, 3));
        // The mask multiplies the per-timestep weights: (4 + 3 * 9) / (2 + 3 * 2).
        Assert.Equal(31f / 8f, mse.Result().Item(), 1e-6f);
    }

    [Fact]
    public void WrapperOfACustomFunction()
    {
        var hits = new MeanMetricWrapper((yTrue, yPred) => Runtime.Ops.Mean(Runtime.Ops.Equal(yTrue, yPred), -1), name: "hits");
        hits.UpdateState(T(new float[,] { { 1, 2 }, { 3, 4 } }), T(new float[,] { { 1, 0 }, { 3, 4 } }));
        Assert.Equal(0.75f, hits.Result().Item());
        Assert.Null(hits.FunctionName);
        var e = Assert.Throws<InvalidOperationException>(() => hits.GetConfig());
        Assert.Contains("MeanMetricWrapper 'hits' cannot be serialized", e.Message);
        Assert.Contains("MetricFunctions.Register", e.Message);
    }

    [Fact]
    public void WrapperOfARegisteredFunctionRoundTrips()
    {
        static Tensor Gap(Tensor yTrue, Tensor yPred) => Runtime.Ops.Max(Runtime.Ops.Abs(yTrue - yPred), -1);
        MetricFunctions.Register("Tests>max_gap", Gap);
        var byDelegate = new MeanMetricWrapper(Gap, "gap");
        Assert.Equal("Tests>max_gap", byDelegate.FunctionName);
        var back = KerasConfigAssert.RoundTrips(byDelegate);
        back.UpdateState(T(new float[,] { { 1, 2 }, { 3, 4 } }), T(new float[,] { { 1, 0 }, { 3, 5 } }));
        Assert.Equal(1.5f, back.Result().Item());
        Assert.Contains("Tests>max_gap", MetricFunctions.Names);
        var unknown = Assert.Throws<KeyNotFoundException>(() => new MeanMetricWrapper("Tests>missing"));
        Assert.Contains("'binary_accuracy'", unknown.Message);
        var withArguments = JsonNode.Parse("""{"name": "x", "fn": "binary_accuracy", "threshold": 0.7}""")!.AsObject();
        Assert.Throws<NotSupportedException>(() => Saving.KerasRegistry.Create("keras.metrics", "MeanMetricWrapper", withArguments));
    }

    [Fact]
    public void ResultsBeforeAnyBatch()
    {
        Assert.Equal(0f, new Mean().Result().Item());
        Assert.Equal(0f, new Accuracy().Result().Item());
        Assert.Equal(0f, new RootMeanSquaredError().Result().Item());
        Assert.Equal(0f, new Precision().Result().Item());
        Assert.Equal([0f, 0f], new Recall([0.3f, 0.6f]).Result().ToArray());
        Assert.Equal(0f, new AUC().Result().Item());
        Assert.Equal(0f, new AUC(multiLabel: true).Result().Item());
        Assert.Contains("no batch has been seen yet", Assert.Throws<InvalidOperationException>(() => new F1Score().Result()).Message);
        Assert.Contains("no batch has been seen yet", Assert.Throws<InvalidOperationException>(() => new R2Score().Result()).Message);
    }

    [Fact]
    public void ResultShapesFollowTheArguments()
    {
        Tensor yTrue = Tensor.FromArray([1f, 0f, 1f, 0f, 0f, 1f], 2, 3), yPred = Tensor.FromArray([0.9f, 0.2f, 0.4f, 0.3f, 0.6f, 0.8f], 2, 3);
        Assert.Equal(Shape.Scalar, Updated(new Precision(0.5f), yTrue, yPred).Shape);
        Assert.Equal(Shape.Scalar, Updated(new Precision([0.5f]), yTrue, yPred).Shape);
        Assert.Equal(new Shape(3), Updated(new Precision([0.2f, 0.5f, 0.7f]), yTrue, yPred).Shape);
        Assert.Equal(new Shape(2), Updated(new TruePositives([0.2f, 0.5f]), yTrue, yPred).Shape);
        Assert.Equal(new Shape(3), Updated(new F1Score(), yTrue, yPred).Shape);
        Assert.Equal(Shape.Scalar, Updated(new F1Score("micro"), yTrue, yPred).Shape);
        Assert.Equal(new Shape(3), Updated(new R2Score(null), yTrue, yPred).Shape);
        Assert.Equal(Shape.Scalar, Updated(new AUC(multiLabel: true), yTrue, yPred).Shape);
    }

    private static Tensor Updated(Metric metric, Tensor yTrue, Tensor yPred)
    {
        metric.UpdateState(yTrue, yPred);
        return metric.Result();
    }

    [Fact]
    public void BadInputsNameTheMetricAndTheShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new MeanSquaredError().UpdateState(Tensor.Ones(4, 3), Tensor.Ones(4, 2)));
        Assert.StartsWith("MeanSquaredError 'mean_squared_error': cannot update with y_true of shape (4, 3), y_pred of shape (4, 2)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new BinaryCrossentropy().UpdateState(Tensor.Ones(4, 3), Tensor.Ones(4, 1)));
        Assert.Contains("BinaryCrossentropy 'binary_crossentropy'", e.Message);
        Assert.Contains("must have the same shape", e.Message);
        e = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().UpdateState(Tensor.FromArray([0, 5]), Tensor.Ones(2, 3)));
        Assert.Contains("SparseCategoricalCrossentropy 'sparse_categorical_crossentropy'", e.Message);
        Assert.Contains("label 5 (at position 1) is not a class index in [0, 3)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().UpdateState(Tensor.FromArray([0, 1, 2]), Tensor.Ones(2, 3)));
        Assert.Contains("one class index per sample, shape (2,)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new SparseTopKCategoricalAccuracy(k: 2).UpdateState(Tensor.FromArray([0f, 1.5f]), Tensor.Ones(2, 3)));
        Assert.Contains("label 1.5", e.Message);
        e = Assert.Throws<ArgumentException>(() => new MeanMetricWrapper("mean_absolute_error", "m").UpdateState(Tensor.Ones(2, 2), Tensor.Ones(2, 2), Tensor.Ones(3)));
        Assert.StartsWith("MeanMetricWrapper 'm': cannot update with y_true of shape (2, 2), y_pred of shape (2, 2) and sample_weight of shape (3,)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Mean().UpdateState(Tensor.Ones(4), Tensor.Ones(3)));
        Assert.StartsWith("Mean 'mean': cannot update with values of shape (4,) and sample_weight of shape (3,)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new R2Score().UpdateState(Tensor.Ones(4), Tensor.Ones(4)));
        Assert.Contains("R2Score 'r2_score': expects 2-D inputs", e.Message);
        e = Assert.Throws<ArgumentException>(() => new F1Score().UpdateState(Tensor.Ones(4, 2), Tensor.Ones(4, 2), Tensor.Ones(4, 2)));
        Assert.Contains("F1Score 'f1_score': sample_weight must have shape (4,)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new F1Score().UpdateState(Tensor.Ones(4, 2), Tensor.Ones(4, 3)));
        Assert.Contains("must have the same shape", e.Message);
        var f1 = new F1Score();
        f1.UpdateState(Tensor.Ones(2, 2), Tensor.Ones(2, 2));
        Assert.Contains("was built for 2 classes", Assert.Throws<ArgumentException>(() => f1.UpdateState(Tensor.Ones(2, 3), Tensor.Ones(2, 3))).Message);
        e = Assert.Throws<ArgumentException>(() => new AUC(multiLabel: true, name: "auc").UpdateState(Tensor.Ones(4), Tensor.Ones(4)));
        Assert.Contains("AUC 'auc': y_pred must have rank 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => new AUC(multiLabel: true, numLabels: 3, name: "auc").UpdateState(Tensor.Ones(4, 2), Tensor.Ones(4, 2)));
        Assert.Contains("y_pred has 2 labels but this AUC was built for 3", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Precision(classId: 4, name: "p").UpdateState(Tensor.Ones(2, 3), Tensor.Ones(2, 3)));
        Assert.Contains("Precision 'p'", e.Message);
        Assert.Contains("classId 4 is out of range", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Recall(classId: 0, name: "r").UpdateState(Tensor.Ones(3), Tensor.Ones(3)));
        Assert.Contains("y_pred must have shape (samples, classes)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Recall(topK: 4, name: "r").UpdateState(Tensor.Ones(2, 3), Tensor.Ones(2, 3)));
        Assert.Contains("topK 4 is larger than the 3 classes", e.Message);
        e = Assert.Throws<ArgumentException>(() => new TruePositives(name: "tp").UpdateState(Tensor.Ones(2, 3), Tensor.Ones(2, 2)));
        Assert.Contains("TruePositives 'tp'", e.Message);
        Assert.Throws<ArgumentNullException>(() => new Accuracy().UpdateState(null!, Tensor.Ones(2)));
    }

    [Fact]
    public void BadArgumentsAreRejectedWithClearErrors()
    {
        Assert.Contains("threshold must be in (0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryAccuracy(threshold: 1f)).Message);
        Assert.Contains("k must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => new TopKCategoricalAccuracy(0)).Message);
        Assert.Contains("k must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => new SparseTopKCategoricalAccuracy(-1)).Message);
        Assert.Contains("labelSmoothing must be in [0, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryCrossentropy(labelSmoothing: 2f)).Message);
        Assert.Contains("labelSmoothing must be in [0, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => new CategoricalCrossentropy(labelSmoothing: -0.1f)).Message);
        Assert.Contains("threshold values must be in [0, 1]; got 1.5", Assert.Throws<ArgumentOutOfRangeException>(() => new Precision([0.5f, 1.5f])).Message);
        Assert.Contains("thresholds must not be empty", Assert.Throws<ArgumentException>(() => new TruePositives([])).Message);
        Assert.Contains("topK must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => new Recall(topK: 0)).Message);
        Assert.Contains("classId must be >= 0", Assert.Throws<ArgumentOutOfRangeException>(() => new Recall(classId: -1)).Message);
        Assert.Contains("invalid curve \"XY\"", Assert.Throws<ArgumentException>(() => new AUC(curve: "XY")).Message);
        Assert.Contains("invalid summationMethod", Assert.Throws<ArgumentException>(() => new AUC(summationMethod: "trapezoid")).Message);
        Assert.Contains("numThresholds must be an integer > 1", Assert.Throws<ArgumentOutOfRangeException>(() => new AUC(numThresholds: 1)).Message);
        Assert.Contains("numLabels is needed only when multiLabel is true", Assert.Throws<ArgumentException>(() => new AUC(numLabels: 3)).Message);
        Assert.Contains("labelWeights must be >= 0", Assert.Throws<ArgumentException>(() => new AUC(labelWeights: [1f, -1f])).Message);
        Assert.Contains("labelWeights has 2 values", Assert.Throws<ArgumentException>(() => new AUC(multiLabel: true, numLabels: 3, labelWeights: [1f, 1f])).Message);
        Assert.Contains("invalid average \"avg\"", Assert.Throws<ArgumentException>(() => new F1Score("avg")).Message);
        Assert.Contains("beta must be a finite number > 0", Assert.Throws<ArgumentOutOfRangeException>(() => new FBetaScore(beta: 0f)).Message);
        Assert.Contains("0 < threshold <= 1", Assert.Throws<ArgumentOutOfRangeException>(() => new F1Score(threshold: 0f)).Message);
        Assert.Contains("invalid classAggregation", Assert.Throws<ArgumentException>(() => new R2Score("median")).Message);
        Assert.Contains("numRegressors must be >= 0", Assert.Throws<ArgumentOutOfRangeException>(() => new R2Score(numRegressors: -1)).Message);
        Assert.Contains("dtype must be float32", Assert.Throws<ArgumentException>(() => new Mean(dtype: DType.Int32)).Message);
        Assert.Contains("'from_logits' must be true or false", Assert.Throws<FormatException>(() =>
            Saving.KerasRegistry.Create("keras.metrics", "BinaryCrossentropy", new JsonObject { ["from_logits"] = "yes" })).Message);
        Assert.Contains("'thresholds' must be a number or a list of numbers", Assert.Throws<FormatException>(() =>
            Saving.KerasRegistry.Create("keras.metrics", "Precision", new JsonObject { ["thresholds"] = "half" })).Message);
    }
}
