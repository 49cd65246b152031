using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>The confusion-matrix variables a metric accumulates (any of them may be absent).</summary>
internal sealed record ConfusionVariables(Variable? TruePositives = null, Variable? FalsePositives = null, Variable? TrueNegatives = null, Variable? FalseNegatives = null);

/// <summary>
/// Keras's <c>metrics_utils.update_confusion_matrix_variables</c>: for each threshold t, a prediction p > t is positive and a
/// label is positive when non-zero; the (weighted) true/false positives/negatives are added to the variables. Evenly spaced
/// thresholds use Keras's bucket algorithm (predictions clipped to [0, 1], bucket ceil(p (n - 1)) - 1), others compare
/// directly, so both match Keras at the thresholds themselves.
/// </summary>
internal static class ConfusionMatrix
{
    public static void Update(
        ConfusionVariables variables, Tensor yTrue, Tensor yPred, float[] thresholds, bool evenlyDistributed, bool thresholdsWithEpsilon,
        Tensor? sampleWeight = null, int? topK = null, int? classId = null, bool multiLabel = false, float[]? labelWeights = null)
    {
        var (pred, labels) = RankMatching.SqueezeOrExpand(Ops.AsFloat32(yPred), Ops.AsFloat32(yTrue));
        if (sampleWeight is not null)
            (_, sampleWeight) = RankMatching.SqueezeOrExpand(labels, Ops.ExpandDims(Ops.AsFloat32(sampleWeight), -1), expandRank1: false);
        if (topK is { } k) pred = FilterTopK(pred, k);
        if (classId is { } id)
        {
            if (pred.Rank == 1)
                throw new ArgumentException($"when classId is given, y_pred must have shape (samples, classes); got {pred.Shape}.");
            var classes = pred.Shape[-1];
            if ((uint)id >= (uint)classes)
                throw new ArgumentException($"classId {id} is out of range for y_pred with {classes} classes (shape {pred.Shape}).");
            labels = ClassColumn(labels, id);
            pred = ClassColumn(pred, id);
        }
        if (labels.Shape != pred.Shape)
            throw new ArgumentException($"y_true and y_pred must have the same shape; got {labels.Shape} and {pred.Shape}.");
        if (multiLabel && pred.Rank != 2)
            throw new ArgumentException($"with multiLabel, y_pred must have shape (samples, labels); got {pred.Shape}.");

        var weights = Weights(pred.Shape, sampleWeight, multiLabel ? null : labelWeights);
        int columns = multiLabel ? pred.Shape[1] : 1, rows = pred.Size / Math.Max(columns, 1);
        var counts = new Counts(thresholds.Length * columns);
        if (evenlyDistributed) Buckets(pred.AsSpan(), labels.AsSpan(), weights, columns, thresholds.Length, thresholdsWithEpsilon, counts);
        else Compare(pred, labels, weights, rows, columns, thresholds, counts);
        counts.AddTo(variables);
    }

    /// <summary>Keras's <c>_filter_top_k</c>: keeps the k largest values of each row (ties: the first ones) and sets the rest to -1e10.</summary>
    internal static Tensor FilterTopK(Tensor x, int k)
    {
        var classes = x.Shape[-1];
        if (k > classes) throw new ArgumentException($"topK {k} is larger than the {classes} classes of y_pred (shape {x.Shape}).");
        var result = Tensor.Full(x.Shape, ThresholdValues.NegativeInfinity);
        var source = x.AsSpan();
        var output = result.Floats;
        var order = new int[classes];
        for (var start = 0; start < source.Length; start += classes)
        {
            var row = source.Slice(start, classes).ToArray();
            for (var i = 0; i < classes; i++) order[i] = i;
            // Largest first; equal values keep their order, as TensorFlow's top_k does.
            Array.Sort(order, (a, b) =>
            {
                var byValue = row[b].CompareTo(row[a]);
                return byValue != 0 ? byValue : a.CompareTo(b);
            });
            for (var i = 0; i < k; i++) output[start + order[i]] = row[order[i]];
        }
        return result;
    }

    // x[..., id, None]: the class column, keeping a size-1 last axis.
    private static Tensor ClassColumn(Tensor x, int id)
    {
        var start = new int[x.Rank];
        start[^1] = id;
        var shape = x.Shape.ToArray();
        shape[^1] = 1;
        return Ops.Slice(x, start, shape);
    }

    // The sample weights broadcast to the predictions, times the label weights broadcast along the last axis; null for all ones.
    private static float[]? Weights(Shape shape, Tensor? sampleWeight, float[]? labelWeights)
    {
        Tensor? weights = sampleWeight is null ? null : Ops.BroadcastTo(sampleWeight, shape);
        if (labelWeights is not null)
        {
            var broadcast = Ops.BroadcastTo(Tensor.FromArray(labelWeights, 1, labelWeights.Length), shape);
            weights = weights is null ? broadcast : Ops.Multiply(weights, broadcast);
        }
        return weights?.ToArray();
    }

    // The bucket algorithm: each prediction lands in bucket ceil(p (n - 1)) - 1 (0 for p = 0 when the outer thresholds carry
    // an epsilon); a threshold's positives are the suffix sum of the buckets from its index.
    private static void Buckets(ReadOnlySpan<float> pred, ReadOnlySpan<float> labels, float[]? weights, int columns, int n, bool withEpsilon, Counts counts)
    {
        var truePerBucket = new double[n * columns];
        var falsePerBucket = new double[n * columns];
        var totalTrue = new double[columns];
        var totalFalse = new double[columns];
        for (var i = 0; i < pred.Length; i++)
        {
            var column = i % columns;
            var w = weights?[i] ?? 1f;
            var p = Math.Clamp(pred[i], 0f, 1f);
            var bucket = (int)(MathF.Ceiling(p * (n - 1f)) - 1f);
            if (withEpsilon && bucket < 0) bucket = 0;
            var positive = labels[i] != 0;
            if (positive) totalTrue[column] += w;
            else totalFalse[column] += w;
            if (bucket < 0) continue;
            if (positive) truePerBucket[bucket * columns + column] += w;
            else falsePerBucket[bucket * columns + column] += w;
        }
        for (var column = 0; column < columns; column++)
        {
            double tp = 0, fp = 0;
            for (var t = n - 1; t >= 0; t--)
            {
                tp += truePerBucket[t * columns + column];
                fp += falsePerBucket[t * columns + column];
                counts.Set(t * columns + column, tp, fp, totalFalse[column] - fp, totalTrue[column] - tp);
            }
        }
    }

    // The direct comparison p > t for every threshold, in parallel over thresholds.
    private static void Compare(Tensor pred, Tensor labels, float[]? weights, int rows, int columns, float[] thresholds, Counts counts)
    {
        var p = pred.ToArray();
        var y = labels.ToArray();
        CpuParallel.For(thresholds.Length, p.Length, (start, end) =>
        {
            for (var t = start; t < end; t++)
            {
                var threshold = thresholds[t];
                for (var column = 0; column < columns; column++)
                {
                    double tp = 0, fp = 0, tn = 0, fn = 0;
                    for (var row = 0; row < rows; row++)
                    {
                        var i = row * columns + column;
                        var w = weights?[i] ?? 1f;
                        var predictedPositive = p[i] > threshold;
                        if (y[i] != 0)
                        {
                            if (predictedPositive) tp += w;
                            else fn += w;
                        }
                        else if (predictedPositive) fp += w;
                        else tn += w;
                    }
                    counts.Set(t * columns + column, tp, fp, tn, fn);
                }
            }
        });
    }

    // The counts of one update, laid out like the variables (thresholds x columns).
    private sealed class Counts(int size)
    {
        private readonly float[] _tp = new float[size], _fp = new float[size], _tn = new float[size], _fn = new float[size];

        public void Set(int index, double tp, double fp, double tn, double fn)
        {
            _tp[index] = (float)tp;
            _fp[index] = (float)fp;
            _tn[index] = (float)tn;
            _fn[index] = (float)fn;
        }

        public void AddTo(ConfusionVariables variables)
        {
            Add(variables.TruePositives, _tp);
            Add(variables.FalsePositives, _fp);
            Add(variables.TrueNegatives, _tn);
            Add(variables.FalseNegatives, _fn);
        }

        private static void Add(Variable? variable, float[] values)
        {
            if (variable is not null) variable.AssignAdd(Tensor.FromArray(values, variable.Shape.ToArray()));
        }
    }
}
