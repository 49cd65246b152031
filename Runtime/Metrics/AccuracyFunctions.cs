using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// Keras's per-sample accuracy functions (<c>keras.metrics.binary_accuracy</c>, ...), written with <see cref="Ops"/>: each
/// returns 1 where the prediction is right and 0 where it is wrong, one value per sample (or per timestep).
/// </summary>
internal static class AccuracyFunctions
{
    /// <summary>Keras's <c>accuracy</c>: how often y_pred equals y_true exactly, averaged over the last axis.</summary>
    public static Tensor Accuracy(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = RankMatching.SqueezeOrExpand(Ops.AsFloat32(yTrue), Ops.AsFloat32(yPred));
        return Ops.Mean(Ops.Equal(t, p), -1);
    }

    /// <summary>Keras's <c>binary_accuracy</c>: y_pred > threshold compared with y_true, averaged over the last axis.</summary>
    public static Tensor BinaryAccuracy(Tensor yTrue, Tensor yPred, float threshold)
    {
        var (t, p) = RankMatching.SqueezeOrExpand(Ops.AsFloat32(yTrue), Ops.AsFloat32(yPred));
        return Ops.Mean(Ops.Equal(t, Ops.Greater(p, threshold)), -1);
    }

    /// <summary>Keras's <c>categorical_accuracy</c>: argmax of one-hot y_true equals argmax of y_pred.</summary>
    public static Tensor CategoricalAccuracy(Tensor yTrue, Tensor yPred)
    {
        var labels = Ops.ArgMax(Ops.AsFloat32(yTrue), -1);
        return ClassMatches(labels, Ops.AsFloat32(yPred), squeezeOnlySizeOne: false);
    }

    /// <summary>Keras's <c>sparse_categorical_accuracy</c>: integer y_true (batch,) or (batch, 1) equals argmax of y_pred.</summary>
    public static Tensor SparseCategoricalAccuracy(Tensor yTrue, Tensor yPred)
    {
        var matches = ClassMatches(yTrue, Ops.AsFloat32(yPred), squeezeOnlySizeOne: true);
        return matches.Rank > 1 && matches.Shape[-1] == 1 ? Ops.Squeeze(matches, -1) : matches;
    }

    /// <summary>Keras's <c>top_k_categorical_accuracy</c>: whether the class of one-hot y_true is among the k largest predictions.</summary>
    public static Tensor TopKCategoricalAccuracy(Tensor yTrue, Tensor yPred, int k) =>
        InTopKMatches(Ops.ArgMax(Ops.AsFloat32(yTrue), -1), Ops.AsFloat32(yPred), k);

    /// <summary>Keras's <c>sparse_top_k_categorical_accuracy</c>: whether the integer y_true is among the k largest predictions.</summary>
    public static Tensor SparseTopKCategoricalAccuracy(Tensor yTrue, Tensor yPred, int k) => InTopKMatches(yTrue, Ops.AsFloat32(yPred), k);

    // The shared tail of categorical_accuracy and sparse_categorical_accuracy: labels of y_pred's rank lose their last axis (only
    // a size-1 one for the sparse form), the matches get the labels' original shape back.
    private static Tensor ClassMatches(Tensor labels, Tensor yPred, bool squeezeOnlySizeOne)
    {
        labels = Ops.AsFloat32(labels);
        var originalShape = labels.Shape;
        var reshape = labels.Rank == yPred.Rank && (!squeezeOnlySizeOne || labels.Shape[-1] == 1);
        if (reshape) labels = Ops.Squeeze(labels, -1);
        var matches = Ops.Equal(labels, Ops.ArgMax(yPred, -1));
        return reshape ? Ops.Reshape(matches, originalShape.ToArray()) : matches;
    }

    // Keras's top-k functions: predictions flattened to (n, classes), labels to (n,), matches reshaped to the labels' shape.
    private static Tensor InTopKMatches(Tensor labels, Tensor yPred, int k)
    {
        var originalShape = labels.Shape;
        if (yPred.Rank > 2) yPred = Ops.Reshape(yPred, -1, yPred.Shape[-1]);
        if (labels.Rank > 1) labels = Ops.Reshape(labels, -1);
        var matches = InTopK(labels, yPred, k);
        return originalShape.Rank > 1 ? Ops.Reshape(matches, originalShape.ToArray()) : matches;
    }

    /// <summary>
    /// Keras's <c>ops.in_top_k</c>: 1 where predictions[i, targets[i]] is at least the k-th largest value of row i (ties at the
    /// boundary count as in), 0 elsewhere.
    /// </summary>
    internal static Tensor InTopK(Tensor targets, Tensor predictions, int k)
    {
        if (predictions.Rank != 2)
            throw new ArgumentException($"in_top_k: predictions must have rank 2 (samples, classes); got shape {predictions.Shape}.");
        int rows = predictions.Shape[0], classes = predictions.Shape[1];
        if (targets.Rank != 1 || targets.Shape[0] != rows)
            throw new ArgumentException($"in_top_k: expected one label per row of the predictions ({rows}); got labels of shape {targets.Shape}.");
        var labels = ClassIndices(targets, classes, "in_top_k");
        var result = Tensor.Empty(new Shape(rows));
        var values = predictions.FloatStorage!;
        var offset = predictions.Offset;
        var output = result.FloatStorage!;
        CpuParallel.For(rows, classes, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var row = values.AsSpan(offset + i * classes, classes);
                var target = row[labels[i]];
                var larger = 0;
                foreach (var v in row) if (v > target) larger++;
                output[i] = larger < k ? 1f : 0f;
            }
        });
        return result;
    }

    /// <summary>Integer class labels (int32, or float32 holding whole numbers) checked to lie in [0, classes).</summary>
    internal static int[] ClassIndices(Tensor labels, int classes, string op)
    {
        var result = labels.ToIntArray();
        var floats = labels.DType == DType.Float32 ? labels.AsSpan() : default;
        for (var i = 0; i < result.Length; i++)
        {
            var isWhole = floats.IsEmpty || floats[i] == result[i];
            if (!isWhole || (uint)result[i] >= (uint)classes)
            {
                var value = floats.IsEmpty ? result[i].ToString() : floats[i].ToString("R");
                throw new ArgumentException($"{op}: label {value} (at position {i}) is not a class index in [0, {classes}).");
            }
        }
        return result;
    }
}
