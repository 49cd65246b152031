using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Metrics;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Metrics;

/// <summary>Names, Keras configs, round-trips and the resolution of "accuracy" and "crossentropy" by Compile.</summary>
public class MetricCatalogTests
{
    public static TheoryData<string, Type> NamesAndClasses => new()
    {
        { "Mean", typeof(Mean) }, { "mean", typeof(Mean) },
        { "Sum", typeof(Sum) }, { "sum", typeof(Sum) },
        { "Accuracy", typeof(Accuracy) }, { "accuracy", typeof(Accuracy) }, { "acc", typeof(Accuracy) },
        { "BinaryAccuracy", typeof(BinaryAccuracy) }, { "binary_accuracy", typeof(BinaryAccuracy) },
        { "CategoricalAccuracy", typeof(CategoricalAccuracy) }, { "categorical_accuracy", typeof(CategoricalAccuracy) },
        { "SparseCategoricalAccuracy", typeof(SparseCategoricalAccuracy) }, { "sparse_categorical_accuracy", typeof(SparseCategoricalAccuracy) },
        { "TopKCategoricalAccuracy", typeof(TopKCategoricalAccuracy) }, { "top_k_categorical_accuracy", typeof(TopKCategoricalAccuracy) },
        { "SparseTopKCategoricalAccuracy", typeof(SparseTopKCategoricalAccuracy) }, { "sparse_top_k_categorical_accuracy", typeof(SparseTopKCategoricalAccuracy) },
        { "MeanSquaredError", typeof(MeanSquaredError) }, { "mean_squared_error", typeof(MeanSquaredError) }, { "mse", typeof(MeanSquaredError) }, { "MSE", typeof(MeanSquaredError) },
        { "MeanAbsoluteError", typeof(MeanAbsoluteError) }, { "mean_absolute_error", typeof(MeanAbsoluteError) }, { "mae", typeof(MeanAbsoluteError) }, { "MAE", typeof(MeanAbsoluteError) },
        { "MeanAbsolutePercentageError", typeof(MeanAbsolutePercentageError) }, { "mean_absolute_percentage_error", typeof(MeanAbsolutePercentageError) },
        { "mape", typeof(MeanAbsolutePercentageError) }, { "MAPE", typeof(MeanAbsolutePercentageError) },
        { "MeanSquaredLogarithmicError", typeof(MeanSquaredLogarithmicError) }, { "mean_squared_logarithmic_error", typeof(MeanSquaredLogarithmicError) },
        { "msle", typeof(MeanSquaredLogarithmicError) }, { "MSLE", typeof(MeanSquaredLogarithmicError) },
        { "RootMeanSquaredError", typeof(RootMeanSquaredError) }, { "root_mean_squared_error", typeof(RootMeanSquaredError) },
        { "BinaryCrossentropy", typeof(BinaryCrossentropy) }, { "binary_crossentropy", typeof(BinaryCrossentropy) }, { "bce", typeof(BinaryCrossentropy) }, { "BCE", typeof(BinaryCrossentropy) },
        { "CategoricalCrossentropy", typeof(CategoricalCrossentropy) }, { "categorical_crossentropy", typeof(CategoricalCrossentropy) },
        { "SparseCategoricalCrossentropy", typeof(SparseCategoricalCrossentropy) }, { "sparse_categorical_crossentropy", typeof(SparseCategoricalCrossentropy) },
        { "TruePositives", typeof(TruePositives) }, { "true_positives", typeof(TruePositives) },
        { "FalsePositives", typeof(FalsePositives) }, { "false_positives", typeof(FalsePositives) },
        { "TrueNegatives", typeof(TrueNegatives) }, { "true_negatives", typeof(TrueNegatives) },
        { "FalseNegatives", typeof(FalseNegatives) }, { "false_negatives", typeof(FalseNegatives) },
        { "Precision", typeof(Precision) }, { "precision", typeof(Precision) },
        { "Recall", typeof(Recall) }, { "recall", typeof(Recall) },
        { "AUC", typeof(AUC) }, { "auc", typeof(AUC) },
        { "FBetaScore", typeof(FBetaScore) }, { "f_beta_score", typeof(FBetaScore) },
        { "F1Score", typeof(F1Score) }, { "f1_score", typeof(F1Score) },
        { "R2Score", typeof(R2Score) }, { "r2_score", typeof(R2Score) },
    };

    [Theory]
    [MemberData(nameof(NamesAndClasses))]
    public void GetResolvesEveryKerasName(string name, Type expected)
    {
        Assert.IsType(expected, Metric.Get(name));
        Assert.IsType(expected, Metric.Get((object)name));
        Metric converted = name;
        Assert.IsType(expected, converted);
        Assert.Contains(name, Metric.Names);
    }

    [Fact]
    public void EveryNameIsTested()
    {
        var tested = NamesAndClasses.Select(row => (string)row[0]).ToHashSet();
        Assert.DoesNotContain(Metric.Names, n => !tested.Contains(n));
    }

    [Fact]
    public void UnknownNamesListTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Metric.Get("accurcy"));
        Assert.Contains("Unknown metric 'accurcy'", e.Message);
        Assert.Contains("binary_accuracy", e.Message);
        Assert.Contains("Did you mean 'mean_absolute_error'", Assert.Throws<ArgumentException>(() => Metric.Get("Mean-Absolute-Error")).Message);
    }

    [Fact]
    public void DefaultNamesAreKeras()
    {
        Assert.Equal("mean", new Mean().Name);
        Assert.Equal("accuracy", new Accuracy().Name);
        Assert.Equal("sparse_categorical_accuracy", new SparseCategoricalAccuracy().Name);
        Assert.Equal("top_k_categorical_accuracy", new TopKCategoricalAccuracy().Name);
        Assert.Equal("root_mean_squared_error", new RootMeanSquaredError().Name);
        Assert.Equal("binary_crossentropy", new BinaryCrossentropy().Name);
        Assert.Equal("fbeta_score", new FBetaScore().Name);
        Assert.Equal("f1_score", new F1Score().Name);
        Assert.Equal("r2_score", new R2Score().Name);
        Assert.Equal("mine", new Precision(name: "mine").Name);
        // Metrics whose Keras name defaults to None are named like layers: "precision", then "precision_1", ...
        var first = new Precision();
        var second = new Precision();
        Assert.StartsWith("precision", first.Name);
        Assert.StartsWith("precision_", second.Name);
        Assert.NotEqual(first.Name, second.Name);
        Assert.StartsWith("auc", new AUC().Name);
        Assert.StartsWith("true_positives", new TruePositives().Name);
        Assert.StartsWith("mean_metric_wrapper", new MeanMetricWrapper((t, p) => t).Name);
    }

    [Fact]
    public void ConfigsUseKerasKeys()
    {
        Assert.Equal("""{"name":"mean","dtype":"float32"}""", new Mean().GetConfig().ToJsonString());
        Assert.Equal("""{"name":"binary_accuracy","dtype":"float32","threshold":0.7}""", new BinaryAccuracy(threshold: 0.7f).GetConfig().ToJsonString());
        Assert.Equal("""{"name":"top_k_categorical_accuracy","dtype":"float32","k":5}""", new TopKCategoricalAccuracy().GetConfig().ToJsonString());
        Assert.Equal("""{"name":"binary_crossentropy","dtype":"float32","from_logits":true,"label_smoothing":0.5}""",
            new BinaryCrossentropy(fromLogits: true, labelSmoothing: 0.5f).GetConfig().ToJsonString());
        Assert.Equal("""{"name":"categorical_crossentropy","dtype":"float32","from_logits":false,"label_smoothing":0,"axis":-1}""",
            new CategoricalCrossentropy().GetConfig().ToJsonString());
        Assert.Equal("""{"name":"sparse_categorical_crossentropy","dtype":"float32","from_logits":false,"axis":-1}""",
            new SparseCategoricalCrossentropy().GetConfig().ToJsonString());
        Assert.Equal("""{"name":"p","dtype":"float32","thresholds":null,"top_k":null,"class_id":null}""", new Precision(name: "p").GetConfig().ToJsonString());
        Assert.Equal("""{"name":"r","dtype":"float32","thresholds":0.5,"top_k":3,"class_id":1}""", new Recall(0.5f, topK: 3, classId: 1, name: "r").GetConfig().ToJsonString());
        Assert.Equal("""{"name":"r","dtype":"float32","thresholds":[0.25,0.75],"top_k":null,"class_id":null}""", new Recall([0.25f, 0.75f], name: "r").GetConfig().ToJsonString());
        Assert.Equal("""{"name":"tp","dtype":"float32","thresholds":null}""", new TruePositives(name: "tp").GetConfig().ToJsonString());
        Assert.Equal(
            """{"name":"a","dtype":"float32","num_thresholds":200,"curve":"ROC","summation_method":"interpolation","multi_label":false,"num_labels":null,"label_weights":null,"from_logits":false}""",
            new AUC(name: "a").GetConfig().ToJsonString());
        Assert.Equal(
            """{"name":"a","dtype":"float32","num_thresholds":4,"curve":"PR","summation_method":"majoring","multi_label":true,"num_labels":2,"label_weights":[1,0.5],"from_logits":true,"thresholds":[0.25,0.5]}""",
            new AUC(curve: "pr", summationMethod: "Majoring", name: "a", thresholds: [0.5f, 0.25f], multiLabel: true, numLabels: 2, labelWeights: [1f, 0.5f], fromLogits: true)
                .GetConfig().ToJsonString());
        Assert.Equal("""{"name":"fbeta_score","dtype":"float32","average":"macro","beta":2,"threshold":0.5}""",
            new FBetaScore("macro", 2f, 0.5f).GetConfig().ToJsonString());
        Assert.Equal("""{"name":"f1_score","dtype":"float32","average":null,"threshold":null}""", new F1Score().GetConfig().ToJsonString());
        Assert.Equal("""{"name":"r2_score","dtype":"float32","class_aggregation":null,"num_regressors":3}""", new R2Score(null, 3).GetConfig().ToJsonString());
    }

    public static TheoryData<Metric> Instances => new()
    {
        new Mean("m"), new Sum("s"), new Accuracy("a"), new BinaryAccuracy(threshold: 0.3f), new CategoricalAccuracy(), new SparseCategoricalAccuracy(),
        new TopKCategoricalAccuracy(3), new SparseTopKCategoricalAccuracy(2), new MeanSquaredError(), new MeanAbsoluteError(),
        new MeanAbsolutePercentageError(), new MeanSquaredLogarithmicError(), new RootMeanSquaredError(),
        new BinaryCrossentropy(fromLogits: true, labelSmoothing: 0.1f), new CategoricalCrossentropy(labelSmoothing: 0.2f, axis: 1),
        new SparseCategoricalCrossentropy(fromLogits: true), new TruePositives([0.2f, 0.4f]), new FalsePositives(0.3f), new TrueNegatives(),
        new FalseNegatives(name: "fn"), new Precision(topK: 2, classId: 1), new Recall([0.1f, 0.9f]),
        new AUC(20, "PR", "minoring"), new AUC(thresholds: [0.3f, 0.1f], multiLabel: true, labelWeights: [1f, 2f]), new FBetaScore("weighted", 0.5f, 0.4f),
        new F1Score("micro"), new R2Score("variance_weighted_average", 2), new MeanMetricWrapper("binary_accuracy", "hits"),
    };

    [Theory]
    [MemberData(nameof(Instances))]
    public void EveryClassRoundTripsThroughTheRegistry(Metric metric)
    {
        Assert.Equal("keras.metrics", metric.Module);
        var back = KerasConfigAssert.RoundTrips(metric);
        Assert.Equal(metric.Name, back.Name);
        Assert.Equal(metric.Variables.Count, back.Variables.Count);
    }

    [Fact]
    public void KerasConfigsLoad()
    {
        var auc = Assert.IsType<AUC>(Metric.Get(Parse("""
            {"module": "keras.metrics", "class_name": "AUC", "config": {"name": "auc", "dtype": "float32", "num_thresholds": 50, "curve": "PR",
             "summation_method": "interpolation", "multi_label": false, "num_labels": null, "label_weights": null, "from_logits": false}, "registered_name": null}
            """)));
        Assert.Equal(("auc", 50, "PR"), (auc.Name, auc.NumThresholds, auc.Curve));
        var precision = Assert.IsType<Precision>(Metric.Get(Parse("""
            {"module": "keras.metrics", "class_name": "Precision", "config": {"name": "precision_at_3", "dtype": "float32", "thresholds": null, "top_k": 3, "class_id": null}, "registered_name": null}
            """)));
        Assert.Equal((3, -1e10f), (precision.TopK, precision.Thresholds[0]));
        var f1 = Assert.IsType<F1Score>(Metric.Get(Parse("""
            {"module": "keras.metrics", "class_name": "F1Score", "config": {"name": "f1_score", "dtype": "float32", "average": "macro", "threshold": 0.5}, "registered_name": null}
            """)));
        Assert.Equal(("macro", 0.5f), (f1.Average, f1.Threshold));
        var accuracy = Assert.IsType<BinaryAccuracy>(Metric.Get(Parse(
            """{"module": "keras.metrics", "class_name": "BinaryAccuracy", "config": {"name": "acc", "dtype": "float32", "threshold": 0.6000000238418579}}""")));
        Assert.Equal(("acc", 0.6f), (accuracy.Name, accuracy.Threshold));
        // Keras 2 configs have no module; a dtype policy object is accepted too.
        var r2 = Assert.IsType<R2Score>(Metric.Get(Parse(
            """{"class_name": "R2Score", "config": {"name": "r2", "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}}, "class_aggregation": null, "num_regressors": 0}}""")));
        Assert.Null(r2.ClassAggregation);
        var wrapper = Assert.IsType<MeanMetricWrapper>(Metric.Get(Parse("""
            {"module": "keras.metrics", "class_name": "MeanMetricWrapper", "config": {"name": "mse_of_fn", "dtype": "float32",
             "fn": {"module": "keras.metrics", "class_name": "function", "config": "mean_squared_error", "registered_name": "function"}}}
            """)));
        Assert.Equal("mean_squared_error", wrapper.FunctionName);
    }

    [Fact]
    public void GetPassesObjectsAndNullThrough()
    {
        var mine = new Recall();
        Assert.Same(mine, Metric.Get((object)mine));
        Assert.Null(Metric.Get((object?)null));
        Assert.Contains("Could not interpret metric identifier", Assert.Throws<ArgumentException>(() => Metric.Get((object)42)).Message);
    }

    [Fact]
    public void DirectionsTellCallbacksWhichWayIsBetter()
    {
        Assert.Equal("up", new Accuracy().Direction);
        Assert.Equal("up", new AUC().Direction);
        Assert.Equal("up", new F1Score().Direction);
        Assert.Equal("up", new R2Score().Direction);
        Assert.Equal("down", new MeanSquaredError().Direction);
        Assert.Equal("down", new RootMeanSquaredError().Direction);
        Assert.Equal("down", new SparseCategoricalCrossentropy().Direction);
        Assert.Null(new Mean().Direction);
        Assert.Null(new TruePositives().Direction);
    }

    public static TheoryData<string, int[], int[], Type> ShapeResolutions => new()
    {
        { "accuracy", [32, 1], [32, 1], typeof(BinaryAccuracy) },
        { "accuracy", [32], [32, 1], typeof(BinaryAccuracy) },
        { "accuracy", [32], [32, 10], typeof(SparseCategoricalAccuracy) },
        { "acc", [32, 1], [32, 10], typeof(SparseCategoricalAccuracy) },
        { "Accuracy", [32, 10], [32, 10], typeof(CategoricalAccuracy) },
        { "crossentropy", [32, 1], [32, 1], typeof(BinaryCrossentropy) },
        { "ce", [32], [32, 10], typeof(SparseCategoricalCrossentropy) },
        { "crossentropy", [32, 10], [32, 10], typeof(CategoricalCrossentropy) },
        { "mae", [32, 10], [32, 10], typeof(MeanAbsoluteError) },
    };

    [Theory]
    [MemberData(nameof(ShapeResolutions))]
    public void ResolveFollowsKerasGetMetric(string name, int[] yTrue, int[] yPred, Type expected)
    {
        var metric = Metric.Resolve(name, new Shape(yTrue), new Shape(yPred));
        Assert.IsType(expected, metric);
        Assert.Equal(name, metric.Name);
    }

    public static TheoryData<string, string, int[], Type> LossResolutions => new()
    {
        { "accuracy", "sparse_categorical_crossentropy", [-1, 10], typeof(SparseCategoricalAccuracy) },
        { "acc", "SparseCategoricalCrossentropy", [-1, 10], typeof(SparseCategoricalAccuracy) },
        { "accuracy", "categorical_crossentropy", [-1, 10], typeof(CategoricalAccuracy) },
        { "accuracy", "binary_crossentropy", [-1, 3], typeof(BinaryAccuracy) },
        { "accuracy", "BinaryFocalCrossentropy", [-1, 3], typeof(BinaryAccuracy) },
        { "accuracy", "mse", [-1, 1], typeof(BinaryAccuracy) },
        { "accuracy", "sparse_categorical_crossentropy", [-1, 1], typeof(BinaryAccuracy) },
        { "crossentropy", "sparse_categorical_crossentropy", [-1, 10], typeof(SparseCategoricalCrossentropy) },
        { "ce", "bce", [-1, 4], typeof(BinaryCrossentropy) },
        { "crossentropy", "kl_divergence", [-1, 4], typeof(CategoricalCrossentropy) },
        { "auc", "binary_crossentropy", [-1, 1], typeof(AUC) },
    };

    [Theory]
    [MemberData(nameof(LossResolutions))]
    public void ResolveForLossFollowsTheLoss(string name, string loss, int[] outputShape, Type expected)
    {
        var metric = Metric.ResolveForLoss(name, loss, new Shape(outputShape));
        Assert.IsType(expected, metric);
        Assert.Equal(name, metric.Name);
    }

    [Fact]
    public void ResolveKeepsMetricObjectsButResolvesConvertedStrings()
    {
        var mine = new CategoricalAccuracy("mine");
        Assert.Same(mine, Metric.ResolveForLoss(mine, "sparse_categorical_crossentropy", new Shape(-1, 10)));
        Metric converted = "acc";
        var resolved = Metric.ResolveForLoss(converted, "sparse_categorical_crossentropy", new Shape(-1, 10));
        Assert.Equal(("acc", typeof(SparseCategoricalAccuracy)), (resolved.Name, resolved.GetType()));
        Metric mae = "mae";
        Assert.Equal("mean_absolute_error", mae.Name);
        Assert.Equal("mae", Metric.Resolve(mae, new Shape(4, 1), new Shape(4, 1)).Name);
        var precision = Metric.Resolve("precision", new Shape(4, 1), new Shape(4, 1));
        Assert.Equal("precision", precision.Name);
        Assert.Equal("precision/true_positives", precision.Variables[0].Path);
    }

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;
}
