using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Visualizers.Charts;
using static NotebookKeras.Visualizers.Tests.Charts.ChartJson;

namespace NotebookKeras.Visualizers.Tests.Charts;

public class ConfusionMatrixTests
{
    // Six samples of three classes: class 0 twice right; class 1 once right, once taken for 2; class 2 once right, once taken for 0.
    private static readonly int[] s_true = [0, 0, 1, 1, 2, 2];
    private static readonly int[] s_pred = [0, 0, 1, 2, 2, 0];
    private static readonly int[] s_counts = [2, 0, 0, 0, 1, 1, 1, 0, 1];

    private static Tensor Labels(int[] labels) => Tensor.FromArray(labels, labels.Length);

    private static Tensor OneHot(int[] labels, int classes, float on = 1f, float off = 0f)
    {
        var values = new float[labels.Length * classes];
        for (var i = 0; i < labels.Length; i++)
        {
            for (var c = 0; c < classes; c++) values[i * classes + c] = c == labels[i] ? on : off;
        }
        return Tensor.FromArray(values, labels.Length, classes);
    }

    [Fact]
    public void CountsFromLabels()
    {
        var counts = ConfusionMatrix.Compute(Labels(s_true), Labels(s_pred));
        Assert.Equal(new Shape(3, 3), counts.Shape);
        Assert.Equal(DType.Int32, counts.DType);
        Assert.Equal(s_counts, counts.ToIntArray());
    }

    [Fact]
    public void CountsFromOneHotTargetsAndProbabilitiesOrLogits()
    {
        Assert.Equal(s_counts, ConfusionMatrix.Compute(OneHot(s_true, 3), OneHot(s_pred, 3, on: 0.7f, off: 0.15f)).ToIntArray());
        Assert.Equal(s_counts, ConfusionMatrix.Compute(Labels(s_true), OneHot(s_pred, 3, on: 2.5f, off: -1f)).ToIntArray());
        // Float labels of shape (samples, 1), as a sparse target often is.
        var floatLabels = Tensor.FromArray(s_true.Select(v => (float)v).ToArray(), s_true.Length, 1);
        Assert.Equal(s_counts, ConfusionMatrix.Compute(floatLabels, Labels(s_pred)).ToIntArray());
    }

    [Fact]
    public void NumClassesAddsClassesNeverSeen()
    {
        var counts = ConfusionMatrix.Compute(Labels([0, 1]), Labels([1, 1]), numClasses: 4);
        Assert.Equal(new Shape(4, 4), counts.Shape);
        Assert.Equal(1, counts.ToIntArray()[0 * 4 + 1]);
        Assert.Equal(1, counts.ToIntArray()[1 * 4 + 1]);
        Assert.Equal(2, counts.ToIntArray().Sum());
    }

    [Fact]
    public void MismatchesAreClearErrors()
    {
        var samples = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute(Labels(s_true), Labels([0, 1])));
        Assert.Contains("yTrue (shape (6,)) has 6 samples but yPred (shape (2,)) has 2", samples.Message);
        var columns = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute(Labels(s_true), OneHot(s_pred, 3), numClasses: 4));
        Assert.Contains("yPred has shape (6, 3), i.e. 3 classes, but there are 4 classes", columns.Message);
        var range = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute(Labels(s_true), Labels(s_pred), numClasses: 2));
        Assert.Contains("yTrue[4] is class 2, outside 0..1", range.Message);
        var notLabels = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute(Labels([0, 1]), Tensor.FromArray([0.2f, 0.9f], 2)));
        Assert.Contains("yPred[0] is 0.2, not a class label", notLabels.Message);
        var rank = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute(Tensor.Zeros(2, 2, 2), Labels([0, 1])));
        Assert.Contains("yTrue has shape (2, 2, 2)", rank.Message);
    }

    [Fact]
    public void PlotIsAHeatmapWithCountsInTheCellsAndClassZeroAtTheTop()
    {
        var figure = ConfusionMatrix.Plot(Labels(s_true), Labels(s_pred), ["cat", "dog", "emu"]);
        var trace = Assert.Single(Traces(figure));
        Assert.Equal("heatmap", trace["type"]!.GetValue<string>());
        Assert.Equal(s_counts.Select(c => (float)c), trace["z"]!.AsArray().SelectMany(Floats));
        Assert.Equal(new[] { "1", "0", "1" }, trace["text"]![2]!.AsArray().Select(t => (string)t!));
        Assert.Equal("%{text}", trace["texttemplate"]!.GetValue<string>());
        Assert.Equal(new[] { "cat", "dog", "emu" }, trace["x"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(new[] { "cat", "dog", "emu" }, trace["y"]!.AsArray().Select(t => (string)t!));
        var layout = Root(figure)["layout"]!;
        Assert.Equal("reversed", layout["yaxis"]!["autorange"]!.GetValue<string>());
        Assert.Equal("Predicted", layout["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("True", layout["yaxis"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void NormalizedRowsSumToOneAndKeepTheCounts()
    {
        var figure = ConfusionMatrix.Plot(Labels(s_true), Labels(s_pred), normalize: true);
        var trace = Assert.Single(Traces(figure));
        Assert.Equal(new[] { 0.5f, 0f, 0.5f }, Floats(trace["z"]![2]));
        Assert.Equal(new[] { "0.50", "0.00", "0.50" }, trace["text"]![2]!.AsArray().Select(t => (string)t!));
        Assert.Equal(new[] { 1, 0, 1 }, trace["customdata"]![2]!.AsArray().Select(t => t!.GetValue<int>()));
        Assert.Equal(new[] { "0", "1", "2" }, trace["y"]!.AsArray().Select(t => (string)t!));
    }

    [Fact]
    public void ClassNamesMustCoverTheLabels()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Plot(Labels(s_true), Labels(s_pred), ["a", "b"]));
        Assert.Contains("outside 0..1 for 2 classes", error.Message);
    }
}
