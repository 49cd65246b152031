using NotebookKeras.Visualizers.Charts;
using static NotebookKeras.Visualizers.Tests.Charts.ChartJson;

namespace NotebookKeras.Visualizers.Tests.Charts;

public class ActivationCurvesTests
{
    // x = -5 + 0.05 i on the default grid; none of these is 0, where relu has a kink.
    private static readonly int[] s_indices = [0, 20, 90, 130, 200];

    private static double X(int i) => -5 + 0.05 * i;

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void TheDefaultsAreTheSeedsFourOnOnePanelOverMinus5To5()
    {
        var figure = ActivationCurves.Plot();
        var traces = Traces(figure);
        Assert.Equal(new[] { "sigmoid", "tanh", "relu", "softplus" }, traces.Select(t => (string)t["name"]!));
        Assert.All(traces, t => Assert.Null(t["xaxis"]));
        var x = Floats(traces[0]["x"]);
        Assert.Equal(201, x.Length);
        Assert.Equal(-5f, x[0]);
        Assert.Equal(5f, x[^1]);
        Assert.Equal(0f, x[100], 6);
    }

    [Fact]
    public void ValuesMatchTheFormulas()
    {
        var figure = ActivationCurves.Plot();
        var sigmoid = Floats(Trace(figure, "sigmoid")["y"]);
        var tanh = Floats(Trace(figure, "tanh")["y"]);
        var relu = Floats(Trace(figure, "relu")["y"]);
        var softplus = Floats(Trace(figure, "softplus")["y"]);
        foreach (var i in s_indices)
        {
            var x = X(i);
            Assert.Equal(Sigmoid(x), sigmoid[i], 5);
            Assert.Equal(Math.Tanh(x), tanh[i], 5);
            Assert.Equal(Math.Max(0, x), relu[i], 5);
            Assert.Equal(Math.Log(1 + Math.Exp(x)), softplus[i], 5);
        }
    }

    [Fact]
    public void DerivativesComeOnASecondPanelAndMatchTheFormulas()
    {
        var figure = ActivationCurves.Plot(["sigmoid", "relu", "tanh", "elu"], derivatives: true);
        var traces = Traces(figure);
        Assert.Equal(8, traces.Count);
        Assert.Equal(new[] { "f(x)", "f'(x)" }, PanelTitles(figure));
        var dSigmoid = Trace(figure, "sigmoid'");
        Assert.Equal("x2", dSigmoid["xaxis"]!.GetValue<string>());
        Assert.Equal("y2", dSigmoid["yaxis"]!.GetValue<string>());
        // f and f' share a color and a legend entry.
        Assert.Equal(Trace(figure, "sigmoid")["line"]!["color"]!.GetValue<string>(), dSigmoid["line"]!["color"]!.GetValue<string>());
        Assert.False(dSigmoid["showlegend"]!.GetValue<bool>());

        var sigmoid = Floats(dSigmoid["y"]);
        var relu = Floats(Trace(figure, "relu'")["y"]);
        var tanh = Floats(Trace(figure, "tanh'")["y"]);
        var elu = Floats(Trace(figure, "elu'")["y"]);
        foreach (var i in s_indices)
        {
            var x = X(i);
            Assert.Equal(Sigmoid(x) * (1 - Sigmoid(x)), sigmoid[i], 5);
            Assert.Equal(x > 0 ? 1 : 0, relu[i], 6);
            Assert.Equal(1 - Math.Tanh(x) * Math.Tanh(x), tanh[i], 5);
            Assert.Equal(x > 0 ? 1 : Math.Exp(x), elu[i], 5);
        }
    }

    [Fact]
    public void AnyRegisteredActivationAndRange()
    {
        var figure = ActivationCurves.Plot(["gelu", "selu", "swish", "leaky_relu", "linear"], min: -1, max: 1, points: 5, derivatives: true);
        var x = Floats(Trace(figure, "swish")["x"]);
        Assert.Equal(new[] { -1f, -0.5f, 0f, 0.5f, 1f }, x);
        var swish = Floats(Trace(figure, "swish")["y"]);
        Assert.Equal(0.5 * Sigmoid(0.5), swish[3], 5);
        Assert.Equal(-0.2f, Floats(Trace(figure, "leaky_relu")["y"])[0], 5);
        Assert.Equal(new[] { 1f, 1f, 1f, 1f, 1f }, Floats(Trace(figure, "linear'")["y"]));
    }

    [Fact]
    public void AnUnknownNameListsTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => ActivationCurves.Plot(["relu", "sigmod"]));
        Assert.Contains("'sigmod'", error.Message);
        Assert.Contains("sigmoid", error.Message);
        Assert.Contains("gelu", error.Message);
    }

    [Fact]
    public void NormalizingActivationsAndBadRangesAreRefused()
    {
        Assert.Contains("no curve of one variable", Assert.Throws<ArgumentException>(() => ActivationCurves.Plot(["softmax"])).Message);
        Assert.Contains("min=1, max=1", Assert.Throws<ArgumentException>(() => ActivationCurves.Plot(min: 1, max: 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivationCurves.Plot(points: 1));
        Assert.Throws<ArgumentException>(() => ActivationCurves.Plot([]));
    }
}
