using System.Globalization;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Visualizers.Charts;

/// <summary>
/// The confusion matrix of a classifier (as <c>tf.math.confusion_matrix</c>): entry [i, j] counts the samples of true class i
/// predicted as class j. Targets and predictions are class labels, one-hot rows, or per-class scores (probabilities or logits),
/// whose argmax is the predicted class.
/// </summary>
public static class ConfusionMatrix
{
    /// <summary>
    /// The counts as an int32 tensor of shape (numClasses, numClasses), rows the true classes, columns the predicted ones.
    /// <paramref name="numClasses"/> defaults to the largest label + 1 (or the number of score columns).
    /// </summary>
    public static Tensor Compute(Tensor yTrue, Tensor yPred, int? numClasses = null)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        if (numClasses is < 1) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "ConfusionMatrix: 'numClasses' must be at least 1.");
        var (trueLabels, trueColumns) = Labels(yTrue, nameof(yTrue));
        var (predLabels, predColumns) = Labels(yPred, nameof(yPred));
        if (trueLabels.Length != predLabels.Length)
            throw new ArgumentException(
                $"ConfusionMatrix: yTrue (shape {yTrue.Shape}) has {trueLabels.Length} samples but yPred (shape {yPred.Shape}) has {predLabels.Length}; pass one prediction per sample.",
                nameof(yPred));

        var n = numClasses ?? Math.Max(Math.Max(trueColumns, predColumns), Math.Max(Max(trueLabels), Max(predLabels)) + 1);
        CheckColumns(trueColumns, n, yTrue, nameof(yTrue));
        CheckColumns(predColumns, n, yPred, nameof(yPred));
        CheckRange(trueLabels, n, nameof(yTrue));
        CheckRange(predLabels, n, nameof(yPred));

        var counts = new int[n * n];
        for (var i = 0; i < trueLabels.Length; i++) counts[trueLabels[i] * n + predLabels[i]]++;
        return Tensor.FromArray(counts, n, n);
    }

    /// <summary>
    /// The matrix as a heatmap: true classes down the side (class 0 at the top), predicted ones along the bottom, each cell
    /// labelled with its count. With <paramref name="normalize"/>, each row is divided by its total (the fraction of a true class
    /// predicted as each class, as sklearn's <c>normalize="true"</c>); the counts stay in the hover text.
    /// </summary>
    public static Figure Plot(Tensor yTrue, Tensor yPred, IReadOnlyList<string>? classNames = null, bool normalize = false)
    {
        if (classNames is { Count: 0 }) throw new ArgumentException("ConfusionMatrix.Plot: 'classNames' is empty; give one name per class, or null for 0, 1, 2...", nameof(classNames));
        var counts = Compute(yTrue, yPred, classNames?.Count);
        var n = counts.Shape[0];
        var names = classNames ?? Enumerable.Range(0, n).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var values = counts.ToArray();
        if (normalize)
        {
            for (var r = 0; r < n; r++)
            {
                var row = values.AsSpan(r * n, n);
                var total = System.Numerics.Tensors.TensorPrimitives.Sum(row);
                // A class with no samples has an empty row: zeros rather than 0/0.
                if (total > 0) System.Numerics.Tensors.TensorPrimitives.Divide(row, total, row);
            }
        }

        var trace = Traces.Heatmap("confusion matrix", values, n, n, names, names, colorscale: "Blues");
        var cells = new JsonArray();
        var countRows = new JsonArray();
        var raw = counts.AsIntSpan();
        for (var r = 0; r < n; r++)
        {
            var textRow = new JsonArray();
            var countRow = new JsonArray();
            for (var c = 0; c < n; c++)
            {
                var count = raw[r * n + c];
                textRow.Add(normalize ? values[r * n + c].ToString("0.00", CultureInfo.InvariantCulture) : count.ToString(CultureInfo.InvariantCulture));
                countRow.Add(count);
            }
            cells.Add(textRow);
            countRows.Add(countRow);
        }
        trace["text"] = cells;
        trace["customdata"] = countRows;
        trace["texttemplate"] = "%{text}";
        // Plotly's Blues runs dark to light: reversed, the larger counts are the darker cells.
        trace["reversescale"] = true;
        trace["hovertemplate"] = "true %{y}<br>predicted %{x}<br>count %{customdata}" + (normalize ? " (%{z:.1%})" : "") + "<extra></extra>";

        var figure = new Figure(normalize ? "Confusion matrix (normalized by true class)" : "Confusion matrix", height: Math.Clamp(140 + 45 * n, 320, 900))
            .Add(trace)
            .AxisTitle("xaxis", "Predicted")
            .AxisTitle("yaxis", "True");
        // Category axes keep labels such as "0", "1" from being read as numbers; the reversed y axis puts class 0 at the top.
        figure.Layout["xaxis"]!["type"] = "category";
        figure.Layout["yaxis"]!["type"] = "category";
        figure.Layout["yaxis"]!["autorange"] = "reversed";
        // Class names are long ("T-shirt/top"): let the axis make room for its labels instead of clipping them.
        figure.Layout["yaxis"]!["automargin"] = true;
        figure.Layout["xaxis"]!["automargin"] = true;
        return figure;
    }

    /// <summary>The class label of each sample, and the number of score columns (0 when the tensor holds labels).</summary>
    private static (int[] Labels, int Columns) Labels(Tensor t, string argument)
    {
        if (t.Rank == 2 && t.Shape[1] > 1)
        {
            var scores = t.DType == DType.Float32 ? t : Tensor.FromArray(t.ToArray(), t.Shape[0], t.Shape[1]);
            return (Runtime.Ops.ArgMax(scores, axis: 1).ToIntArray(), t.Shape[1]);
        }
        if (t.Rank is not (1 or 2))
            throw new ArgumentException(
                $"ConfusionMatrix: {argument} has shape {t.Shape}; expected class labels of shape (samples,) or (samples, 1), or one-hot rows / class scores of shape (samples, classes).",
                argument);
        if (t.DType == DType.Int32) return (t.ToIntArray(), 0);
        var values = t.AsSpan();
        var labels = new int[values.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (values[i] != MathF.Round(values[i]))
                throw new ArgumentException(
                    $"ConfusionMatrix: {argument}[{i}] is {values[i].ToString("G6", CultureInfo.InvariantCulture)}, not a class label. A tensor of shape {t.Shape} is read as labels; " +
                    "pass scores with one column per class (threshold a single sigmoid output first, e.g. at 0.5).",
                    argument);
            labels[i] = (int)values[i];
        }
        return (labels, 0);
    }

    private static void CheckColumns(int columns, int numClasses, Tensor t, string argument)
    {
        if (columns != 0 && columns != numClasses)
            throw new ArgumentException($"ConfusionMatrix: {argument} has shape {t.Shape}, i.e. {columns} classes, but there are {numClasses} classes.", argument);
    }

    private static void CheckRange(int[] labels, int numClasses, string argument)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || labels[i] >= numClasses)
                throw new ArgumentException($"ConfusionMatrix: {argument}[{i}] is class {labels[i]}, outside 0..{numClasses - 1} for {numClasses} classes.", argument);
        }
    }

    private static int Max(int[] labels) => labels.Length == 0 ? -1 : labels.Max();
}
