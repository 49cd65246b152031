using NotebookKeras.Runtime.Tensors;
using Met = NotebookKeras.Runtime.Metrics;

namespace NotebookKeras.Dsl;

// Thresholds, label smoothing and beta are doubles here, so notebook code reads as Keras does (Precision(0.7)); the metrics store
// float32. Metric names that are also loss names (MeanSquaredError, BinaryCrossentropy, ...) live only in Keras.Metrics.
public static partial class Keras
{
    /// <summary><c>keras.metrics.Accuracy</c>: how often predictions equal labels exactly.</summary>
    public static Met.Accuracy Accuracy(string name = "accuracy") => Metrics.Accuracy(name);

    /// <summary><c>keras.metrics.BinaryAccuracy</c>: how often predictions above the threshold match 0/1 labels.</summary>
    public static Met.BinaryAccuracy BinaryAccuracy(double threshold = 0.5, string name = "binary_accuracy") => Metrics.BinaryAccuracy(threshold, name);

    /// <summary><c>keras.metrics.CategoricalAccuracy</c>: how often the largest prediction is the one-hot label's class.</summary>
    public static Met.CategoricalAccuracy CategoricalAccuracy(string name = "categorical_accuracy") => Metrics.CategoricalAccuracy(name);

    /// <summary><c>keras.metrics.SparseCategoricalAccuracy</c>: how often the largest prediction is the integer label.</summary>
    public static Met.SparseCategoricalAccuracy SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") => Metrics.SparseCategoricalAccuracy(name);

    /// <summary><c>keras.metrics.TopKCategoricalAccuracy</c>: how often the one-hot label's class is among the k largest predictions.</summary>
    public static Met.TopKCategoricalAccuracy TopKCategoricalAccuracy(int k = 5, string name = "top_k_categorical_accuracy") => Metrics.TopKCategoricalAccuracy(k, name);

    /// <summary><c>keras.metrics.SparseTopKCategoricalAccuracy</c>: how often the integer label is among the k largest predictions.</summary>
    public static Met.SparseTopKCategoricalAccuracy SparseTopKCategoricalAccuracy(int k = 5, string name = "sparse_top_k_categorical_accuracy") =>
        Metrics.SparseTopKCategoricalAccuracy(k, name);

    /// <summary><c>keras.metrics.RootMeanSquaredError</c>.</summary>
    public static Met.RootMeanSquaredError RootMeanSquaredError(string name = "root_mean_squared_error") => Metrics.RootMeanSquaredError(name);

    /// <summary><c>keras.metrics.AUC</c>: the area under the ROC (or "PR") curve.</summary>
    public static Met.AUC AUC(int numThresholds = 200, string curve = "ROC", string summationMethod = "interpolation", double[]? thresholds = null,
        bool multiLabel = false, int? numLabels = null, double[]? labelWeights = null, bool fromLogits = false, string? name = null) =>
        Metrics.AUC(numThresholds, curve, summationMethod, thresholds, multiLabel, numLabels, labelWeights, fromLogits, name);

    /// <summary><c>keras.metrics.Precision</c> at one threshold: tp / (tp + fp).</summary>
    public static Met.Precision Precision(double thresholds, int? topK = null, int? classId = null, string? name = null) => Metrics.Precision(thresholds, topK, classId, name);

    /// <summary><c>keras.metrics.Precision</c>: tp / (tp + fp) at each threshold (default 0.5, or the top k).</summary>
    public static Met.Precision Precision(double[]? thresholds = null, int? topK = null, int? classId = null, string? name = null) => Metrics.Precision(thresholds, topK, classId, name);

    /// <summary><c>keras.metrics.Recall</c> at one threshold: tp / (tp + fn).</summary>
    public static Met.Recall Recall(double thresholds, int? topK = null, int? classId = null, string? name = null) => Metrics.Recall(thresholds, topK, classId, name);

    /// <summary><c>keras.metrics.Recall</c>: tp / (tp + fn) at each threshold (default 0.5, or the top k).</summary>
    public static Met.Recall Recall(double[]? thresholds = null, int? topK = null, int? classId = null, string? name = null) => Metrics.Recall(thresholds, topK, classId, name);

    /// <summary><c>keras.metrics.F1Score</c>: per class, or averaged ("micro", "macro", "weighted").</summary>
    public static Met.F1Score F1Score(string? average = null, double? threshold = null, string name = "f1_score") => Metrics.F1Score(average, threshold, name);

    /// <summary><c>keras.metrics.FBetaScore</c>: per class, or averaged ("micro", "macro", "weighted").</summary>
    public static Met.FBetaScore FBetaScore(string? average = null, double beta = 1, double? threshold = null, string name = "fbeta_score") =>
        Metrics.FBetaScore(average, beta, threshold, name);

    /// <summary><c>keras.metrics.R2Score</c>: the coefficient of determination.</summary>
    public static Met.R2Score R2Score(string? classAggregation = "uniform_average", int numRegressors = 0, string name = "r2_score") =>
        Metrics.R2Score(classAggregation, numRegressors, name);

    /// <summary><c>keras.metrics.TruePositives</c>.</summary>
    public static Met.TruePositives TruePositives(double[]? thresholds = null, string? name = null) => Metrics.TruePositives(thresholds, name);

    /// <summary><c>keras.metrics.FalsePositives</c>.</summary>
    public static Met.FalsePositives FalsePositives(double[]? thresholds = null, string? name = null) => Metrics.FalsePositives(thresholds, name);

    /// <summary><c>keras.metrics.TrueNegatives</c>.</summary>
    public static Met.TrueNegatives TrueNegatives(double[]? thresholds = null, string? name = null) => Metrics.TrueNegatives(thresholds, name);

    /// <summary><c>keras.metrics.FalseNegatives</c>.</summary>
    public static Met.FalseNegatives FalseNegatives(double[]? thresholds = null, string? name = null) => Metrics.FalseNegatives(thresholds, name);

    /// <summary>
    /// <c>keras.metrics</c>: every metric, as <c>Metrics.MeanSquaredError()</c>, including those whose names are also losses
    /// (<c>Metrics.BinaryCrossentropy()</c>) and the reductions <c>Metrics.Mean()</c> and <c>Metrics.Sum()</c>. Compile also
    /// takes their string names ("mse", "auc", ...).
    /// </summary>
    public static class Metrics
    {
        public static Met.Mean Mean(string name = "mean") => new(name);
        public static Met.Sum Sum(string name = "sum") => new(name);
        public static Met.MeanMetricWrapper MeanMetricWrapper(Func<Tensor, Tensor, Tensor> fn, string? name = null) => new(fn, name);
        public static Met.MeanMetricWrapper MeanMetricWrapper(string fn, string? name = null) => new(fn, name);
        public static Met.Accuracy Accuracy(string name = "accuracy") => new(name);
        public static Met.BinaryAccuracy BinaryAccuracy(double threshold = 0.5, string name = "binary_accuracy") => new(name, threshold: (float)threshold);
        public static Met.CategoricalAccuracy CategoricalAccuracy(string name = "categorical_accuracy") => new(name);
        public static Met.SparseCategoricalAccuracy SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") => new(name);
        public static Met.TopKCategoricalAccuracy TopKCategoricalAccuracy(int k = 5, string name = "top_k_categorical_accuracy") => new(k, name);
        public static Met.SparseTopKCategoricalAccuracy SparseTopKCategoricalAccuracy(int k = 5, string name = "sparse_top_k_categorical_accuracy") => new(k, name);
        public static Met.MeanSquaredError MeanSquaredError(string name = "mean_squared_error") => new(name);
        public static Met.MeanAbsoluteError MeanAbsoluteError(string name = "mean_absolute_error") => new(name);
        public static Met.MeanAbsolutePercentageError MeanAbsolutePercentageError(string name = "mean_absolute_percentage_error") => new(name);
        public static Met.MeanSquaredLogarithmicError MeanSquaredLogarithmicError(string name = "mean_squared_logarithmic_error") => new(name);
        public static Met.RootMeanSquaredError RootMeanSquaredError(string name = "root_mean_squared_error") => new(name);
        public static Met.BinaryCrossentropy BinaryCrossentropy(bool fromLogits = false, double labelSmoothing = 0, string name = "binary_crossentropy") =>
            new(name, fromLogits: fromLogits, labelSmoothing: (float)labelSmoothing);
        public static Met.CategoricalCrossentropy CategoricalCrossentropy(bool fromLogits = false, double labelSmoothing = 0, int axis = -1, string name = "categorical_crossentropy") =>
            new(name, fromLogits: fromLogits, labelSmoothing: (float)labelSmoothing, axis: axis);
        public static Met.SparseCategoricalCrossentropy SparseCategoricalCrossentropy(bool fromLogits = false, int axis = -1, string name = "sparse_categorical_crossentropy") =>
            new(name, fromLogits: fromLogits, axis: axis);
        public static Met.TruePositives TruePositives(double[]? thresholds = null, string? name = null) => new(Floats(thresholds), name);
        public static Met.FalsePositives FalsePositives(double[]? thresholds = null, string? name = null) => new(Floats(thresholds), name);
        public static Met.TrueNegatives TrueNegatives(double[]? thresholds = null, string? name = null) => new(Floats(thresholds), name);
        public static Met.FalseNegatives FalseNegatives(double[]? thresholds = null, string? name = null) => new(Floats(thresholds), name);
        public static Met.Precision Precision(double thresholds, int? topK = null, int? classId = null, string? name = null) => new((float)thresholds, topK, classId, name);
        public static Met.Precision Precision(double[]? thresholds = null, int? topK = null, int? classId = null, string? name = null) => new(Floats(thresholds), topK, classId, name);
        public static Met.Recall Recall(double thresholds, int? topK = null, int? classId = null, string? name = null) => new((float)thresholds, topK, classId, name);
        public static Met.Recall Recall(double[]? thresholds = null, int? topK = null, int? classId = null, string? name = null) => new(Floats(thresholds), topK, classId, name);
        public static Met.AUC AUC(int numThresholds = 200, string curve = "ROC", string summationMethod = "interpolation", double[]? thresholds = null,
            bool multiLabel = false, int? numLabels = null, double[]? labelWeights = null, bool fromLogits = false, string? name = null) =>
            new(numThresholds, curve, summationMethod, name, thresholds: Floats(thresholds), multiLabel: multiLabel, numLabels: numLabels,
                labelWeights: Floats(labelWeights), fromLogits: fromLogits);
        public static Met.F1Score F1Score(string? average = null, double? threshold = null, string name = "f1_score") => new(average, (float?)threshold, name);
        public static Met.FBetaScore FBetaScore(string? average = null, double beta = 1, double? threshold = null, string name = "fbeta_score") =>
            new(average, (float)beta, (float?)threshold, name);
        public static Met.R2Score R2Score(string? classAggregation = "uniform_average", int numRegressors = 0, string name = "r2_score") =>
            new(classAggregation, numRegressors, name);

        private static float[]? Floats(double[]? values) => values?.Select(v => (float)v).ToArray();
    }
}
