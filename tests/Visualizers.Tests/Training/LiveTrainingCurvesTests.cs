using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Training.Callbacks;
using NotebookKeras.Visualizers.Training;

namespace NotebookKeras.Visualizers.Tests.Training;

public class LiveTrainingCurvesTests
{
    private static History Fit(Callback callback, int epochs = 3)
    {
        var model = new Sequential(name: "curves").Add(InputLayer.Create([2])).Add(new Dense(1));
        model.Compile(new SGD(learningRate: 0.05f), new MeanSquaredError(), ["mae"]);
        var x = Tensor.FromArray([.. Enumerable.Range(0, 64).Select(i => MathF.Sin(i))], 32, 2);
        var y = Tensor.FromArray([.. Enumerable.Range(0, 32).Select(i => MathF.Cos(i))], 32, 1);
        return model.Fit(x, y, batchSize: 8, epochs: epochs, verbose: 0, validationSplit: 0.25, callbacks: [callback]);
    }

    [Fact]
    public void Curves_are_one_output_of_light_svg_during_fit_and_a_plotly_figure_at_its_end()
    {
        var output = new RecordingLiveOutput();
        var history = Fit(new LiveTrainingCurves(output));

        var renderings = output.Renderings;
        Assert.False(renderings[0].IsUpdate);
        Assert.All(renderings.Skip(1), r => Assert.True(r.IsUpdate));
        Assert.All(renderings.SkipLast(1), r =>
        {
            Assert.Contains("<svg class=\"nk-curve\" data-name=\"loss\"", r.Html);
            Assert.DoesNotContain("<script", r.Html);
        });
        var final = renderings[^1].Html;
        Assert.Contains("Plotly.newPlot", final);
        foreach (var name in new[] { "loss", "val_loss", "mae", "val_mae" }) Assert.Contains($"\"name\":\"{name}\"", final);

        var lines = renderings[^1].Text.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Epoch 3/3 - ", lines[2], StringComparison.Ordinal);
        foreach (var key in history.Keys) Assert.Contains($"{key}: {TextProgressRenderer.Value(history[key][^1])}", lines[2]);
    }

    [Fact]
    public void Each_epoch_adds_a_point_to_the_training_and_validation_series()
    {
        var output = new RecordingLiveOutput();
        var curves = new LiveTrainingCurves(output);
        curves.SetParams(new TrainingParams(Verbose: 0, Epochs: 2, Steps: 4));
        curves.OnTrainBegin(new Dictionary<string, double>());
        curves.OnEpochEnd(0, new Dictionary<string, double> { ["loss"] = 0.9, ["val_loss"] = 1.0 });
        curves.OnEpochEnd(1, new Dictionary<string, double> { ["loss"] = 0.5, ["val_loss"] = 0.7 });

        var live = LiveProgressRendererTests.WaitForRenderings(output, 2)[^1];
        Assert.Equal("Epoch 1/2 - loss: 0.9000 - val_loss: 1.0000\nEpoch 2/2 - loss: 0.5000 - val_loss: 0.7000", live.Text);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(live.Html, "<svg class=\"nk-curve\""));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(live.Html, "<polyline").Count);
        Assert.Contains("2 epochs</text>", live.Html);

        // A fit cut short (no OnTrainEnd) still ends, with its cell, on the final figure.
        output.End();
        Assert.Contains("Plotly.newPlot", output.Renderings[^1].Html);
        Assert.Equal(live.Text, output.Renderings[^1].Text);
    }

    [Fact]
    public void Without_a_notebook_output_fit_runs_and_draws_nothing()
    {
        var history = Fit(new LiveTrainingCurves(), epochs: 1);
        Assert.Single(history.Epoch);
    }
}
