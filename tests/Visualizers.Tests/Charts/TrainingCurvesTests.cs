using NotebookKeras.Runtime.Training.Callbacks;
using NotebookKeras.Visualizers.Charts;
using static NotebookKeras.Visualizers.Tests.Charts.ChartJson;

namespace NotebookKeras.Visualizers.Tests.Charts;

public class TrainingCurvesTests
{
    /// <summary>A History as Fit leaves it: the logs of each epoch, sorted by name.</summary>
    private static History ThreeEpochs()
    {
        var history = new History();
        history.OnTrainBegin(new Dictionary<string, double>());
        double[][] epochs = [[0.8, 0.5, 0.75, 0.6], [0.85, 0.4, 0.8, 0.55], [0.9, 0.3, 0.82, 0.5]];
        for (var e = 0; e < epochs.Length; e++)
        {
            history.OnEpochEnd(e, new Dictionary<string, double>
            {
                ["accuracy"] = epochs[e][0],
                ["loss"] = epochs[e][1],
                ["val_accuracy"] = epochs[e][2],
                ["val_loss"] = epochs[e][3],
            });
        }
        return history;
    }

    [Fact]
    public void OnePanelPerMetricLossFirstWithTrainSolidAndValidationDashed()
    {
        var figure = TrainingCurves.Plot(ThreeEpochs());
        Assert.Equal(new[] { "loss", "accuracy" }, PanelTitles(figure));
        var traces = Traces(figure);
        Assert.Equal(new[] { "loss", "val_loss", "accuracy", "val_accuracy" }, traces.Select(t => (string)t["name"]!));
        Assert.Equal(new[] { "x", "x", "x2", "x2" }, traces.Select(t => Axis(t, "xaxis")));
        Assert.Equal(new[] { "y", "y", "y2", "y2" }, traces.Select(t => Axis(t, "yaxis")));

        var loss = Trace(figure, "loss");
        var valLoss = Trace(figure, "val_loss");
        Assert.Equal(new[] { 1f, 2f, 3f }, Floats(loss["x"]));
        Assert.Equal(new[] { 0.5f, 0.4f, 0.3f }, Floats(loss["y"]));
        Assert.Equal(new[] { 0.6f, 0.55f, 0.5f }, Floats(valLoss["y"]));
        Assert.Equal("solid", loss["line"]!["dash"]!.GetValue<string>());
        Assert.Equal("dash", valLoss["line"]!["dash"]!.GetValue<string>());
        Assert.Equal(loss["line"]!["color"]!.GetValue<string>(), valLoss["line"]!["color"]!.GetValue<string>());
        Assert.NotEqual(loss["line"]!["color"]!.GetValue<string>(), Trace(figure, "accuracy")["line"]!["color"]!.GetValue<string>());

        var layout = Root(figure)["layout"]!;
        Assert.Equal("epoch", layout["xaxis2"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("accuracy", layout["yaxis2"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal(2, layout["grid"]!["columns"]!.GetValue<int>());
    }

    [Fact]
    public void APartialLogWithoutValidationDrawsTheEpochsSoFar()
    {
        var logs = new Dictionary<string, IReadOnlyList<double>> { ["mae"] = [3.0, 2.0], ["loss"] = [9.0, 4.0] };
        var figure = TrainingCurves.Plot(logs);
        Assert.Equal(new[] { "loss", "mae" }, PanelTitles(figure));
        Assert.Equal(new[] { "loss", "mae" }, Traces(figure).Select(t => (string)t["name"]!));
        Assert.Equal(new[] { 1f, 2f }, Floats(Trace(figure, "mae")["x"]));
    }

    [Fact]
    public void NothingLoggedIsAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => TrainingCurves.Plot(new History()));
        Assert.Contains("nothing was logged yet", error.Message);
    }

    [Fact]
    public void TheHistorysTextSaysHowEachValueMoved()
    {
        Assert.Equal("History: 3 epochs; accuracy 0.8 \u2192 0.9, loss 0.5 \u2192 0.3, val_accuracy 0.75 \u2192 0.82, val_loss 0.6 \u2192 0.5", ThreeEpochs().ToString());
        Assert.Equal("History: no epoch recorded", new History().ToString());
    }
}
