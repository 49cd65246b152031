using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Layers.Normalization;
using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Visualizers.Charts;
using static NotebookKeras.Visualizers.Tests.Charts.ChartJson;
using Ops = NotebookKeras.Runtime.Ops;

namespace NotebookKeras.Visualizers.Tests.Charts;

public class HistogramsTests
{
    private static Sequential Mlp() =>
        new Sequential(name: "mlp").Add(InputLayer.Create([3])).Add(new Dense(4, activation: "tanh", name: "hidden")).Add(new Dense(2, name: "out"));

    private static (Tensor X, Tensor Y) Batch()
    {
        var x = Tensor.FromArray(Enumerable.Range(0, 15).Select(i => MathF.Sin(i)).ToArray(), 5, 3);
        var y = Tensor.FromArray(Enumerable.Range(0, 10).Select(i => MathF.Cos(i)).ToArray(), 5, 2);
        return (x, y);
    }

    [Fact]
    public void OnePanelPerLayerAndOneTracePerWeightHoldingItsValues()
    {
        var model = Mlp();
        var figure = WeightHistograms.Plot(model);
        Assert.Equal(new[] { "hidden", "out" }, PanelTitles(figure));
        var traces = Traces(figure);
        Assert.Equal(model.Weights.Count, traces.Count);
        Assert.All(traces, t => Assert.Equal("bar", (string?)t["type"]));
        Assert.Equal(new[] { "kernel", "bias", "kernel", "bias" }, traces.Select(t => (string)t["name"]!));
        Assert.Equal(new[] { "x", "x", "x2", "x2" }, traces.Select(t => Axis(t, "xaxis")));
        for (var i = 0; i < traces.Count; i++) AssertCounts(model.Weights[i].Value.ToArray(), traces[i]);
        // One legend entry and one color per weight name.
        Assert.Equal(new[] { true, true, false, false }, traces.Select(t => t["showlegend"]!.GetValue<bool>()));
        Assert.Equal(traces[0]["marker"]!["color"]!.GetValue<string>(), traces[2]["marker"]!["color"]!.GetValue<string>());
    }

    [Fact]
    public void NestedModelsAreOpenedAndEveryWeightCounts()
    {
        var inner = new Sequential(name: "block").Add(new Dense(4, name: "inner_dense")).Add(new BatchNormalization(name: "bn"));
        var model = new Sequential(name: "outer").Add(InputLayer.Create([3])).Add(inner).Add(new Dense(1, name: "head"));
        var figure = WeightHistograms.Plot(model);
        Assert.Equal(new[] { "inner_dense", "bn", "head" }, PanelTitles(figure));
        Assert.Equal(model.Weights.Count, Traces(figure).Count);
        Assert.Equal(8, Traces(figure).Count);
    }

    [Fact]
    public void AModelWithoutWeightsYetIsAClearError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => WeightHistograms.Plot(new Sequential(name: "empty").Add(new Dense(2))));
        Assert.Contains("model 'empty' has no weights yet", error.Message);
    }

    [Fact]
    public void GradientsAreThoseOfTheCompiledLossOnTheBatch()
    {
        var model = Mlp();
        model.Compile(new SGD(learningRate: 0.1f), new MeanSquaredError());
        var (x, y) = Batch();
        var before = model.Weights.Select(w => w.Value.ToArray()).ToList();

        var figure = GradientHistograms.Plot(model, x, y);

        Tensor[] expected;
        using (var tape = new GradientTape())
        {
            var error = Ops.Subtract(model.Apply(x, training: true), y);
            expected = tape.Gradient(Ops.Mean(Ops.Square(error)), model.TrainableWeights);
        }
        var traces = Traces(figure);
        Assert.Equal(new[] { "hidden", "out" }, PanelTitles(figure));
        Assert.Equal(model.TrainableWeights.Count, traces.Count);
        for (var i = 0; i < traces.Count; i++) AssertCounts(expected[i].ToArray(), traces[i]);
        Assert.Contains(expected.Select(e => e.ToArray()), gradient => gradient.Any(v => v != 0));
        // Looking at the gradients trains nothing.
        Assert.Equal(before, model.Weights.Select(w => w.Value.ToArray()));
    }

    [Fact]
    public void FrozenLayersHaveNoGradientPanel()
    {
        var model = Mlp();
        model.GetLayer("hidden").Trainable = false;
        model.Compile(new SGD(), new MeanSquaredError());
        var (x, y) = Batch();
        var figure = GradientHistograms.Plot(model, x, y);
        Assert.Equal(new[] { "out" }, PanelTitles(figure));
        Assert.Equal(2, Traces(figure).Count);
    }

    [Fact]
    public void AnUncompiledModelIsAClearError()
    {
        var (x, y) = Batch();
        var error = Assert.Throws<InvalidOperationException>(() => GradientHistograms.Plot(Mlp(), x, y));
        Assert.Contains("model 'mlp' is not compiled", error.Message);
        Assert.Contains("Compile(", error.Message);
    }

    /// <summary>Each bar counts the values within its half-open interval (the last one closed); together they count every value.</summary>
    private static void AssertCounts(float[] values, System.Text.Json.Nodes.JsonObject trace)
    {
        var centers = Floats(trace["x"]);
        var counts = Floats(trace["y"]);
        var width = trace["width"]!.GetValue<float>();
        Assert.Equal(values.Length, (int)counts.Sum());
        for (var b = 0; b < centers.Length; b++)
        {
            double lo = centers[b] - width / 2.0, hi = centers[b] + width / 2.0;
            var last = b == centers.Length - 1;
            // Bin edges are computed in float: allow a value right on an edge to fall on either side.
            var inside = values.Count(v => v >= lo + 1e-6 && (v < hi - 1e-6 || (last && v <= hi + 1e-6)));
            var onEdge = values.Count(v => Math.Abs(v - lo) <= 1e-6 || Math.Abs(v - hi) <= 1e-6);
            Assert.InRange(counts[b], inside, inside + onEdge);
        }
    }
}
