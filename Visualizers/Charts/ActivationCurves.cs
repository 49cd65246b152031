using System.Globalization;
using NotebookKeras.Runtime.Activations;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Visualizers.Charts;

/// <summary>
/// Activation functions drawn over a range, as the seed's figure compares sigmoid, tanh, ReLU and softplus. The values come from
/// the library's own activations (<see cref="ActivationCatalog"/>) and the derivatives from its autodiff, so the figure shows
/// exactly what a layer computes and back-propagates.
/// </summary>
public static class ActivationCurves
{
    /// <summary>The activations drawn when none are named: the seed's four.</summary>
    public static IReadOnlyList<string> Defaults { get; } = ["sigmoid", "tanh", "relu", "softplus"];

    // These normalize over an axis: their value at a point depends on every other point, so they have no curve of one variable.
    private static readonly string[] s_notElementwise = ["softmax", "log_softmax"];

    /// <summary>
    /// A figure of each activation (Keras names: "relu", "gelu", "leaky_relu"...) on <paramref name="points"/> evenly spaced
    /// values of [<paramref name="min"/>, <paramref name="max"/>]; with <paramref name="derivatives"/>, a second panel shows each
    /// derivative, the gradient of sum(f(x)) with respect to x from a <see cref="GradientTape"/>.
    /// </summary>
    public static Figure Plot(IEnumerable<string>? activations = null, float min = -5, float max = 5, int points = 201, bool derivatives = false)
    {
        var names = (activations ?? Defaults).ToArray();
        if (names.Length == 0) throw new ArgumentException("ActivationCurves.Plot: 'activations' is empty; name at least one activation, e.g. \"relu\".", nameof(activations));
        if (!float.IsFinite(min) || !float.IsFinite(max) || min >= max)
            throw new ArgumentException($"ActivationCurves.Plot: the range needs finite min < max; got min={F(min)}, max={F(max)}.", nameof(max));
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "ActivationCurves.Plot: 'points' must be at least 2.");
        var functions = names.Select(Resolve).ToArray();

        var x = Linspace(min, max, points);
        var figure = derivatives ? Subplots.Panels("Activation functions and their derivatives", 2, 2, 380) : new Figure("Activation functions");
        figure.AxisTitle("xaxis", "x").AxisTitle("yaxis", "f(x)");
        if (derivatives) figure.PanelTitle(1, "f(x)").PanelTitle(2, "f'(x)").AxisTitle("xaxis2", "x").AxisTitle("yaxis2", "f'(x)");
        for (var i = 0; i < names.Length; i++)
        {
            var (values, slopes) = Evaluate(functions[i], x, derivatives);
            var color = Subplots.Color(i);
            figure.Add(Traces.Scatter(names[i], x.AsSpan(), values.AsSpan()).Line(color).Group(names[i]));
            if (slopes is not null)
                figure.Add(Traces.Scatter(names[i] + "'", x.AsSpan(), slopes.AsSpan()).Line(color, "dash").Group(names[i], showInLegend: false).OnSubplot(2));
        }
        return figure;
    }

    private static Func<Tensor, Tensor> Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name, "activations");
        var function = ActivationCatalog.Get(name);
        if (s_notElementwise.Contains(name))
        {
            var curves = ActivationCatalog.Names.Where(n => !s_notElementwise.Contains(n));
            throw new ArgumentException(
                $"ActivationCurves.Plot: '{name}' normalizes over an axis, so it has no curve of one variable. Activations with a curve: {string.Join(", ", curves)}.",
                "activations");
        }
        return function;
    }

    /// <summary>f(x) and, when asked, df/dx from the tape (the gradient of sum(f(x)): each output depends on its own input only).</summary>
    private static (Tensor Values, Tensor? Slopes) Evaluate(Func<Tensor, Tensor> function, Tensor x, bool derivatives)
    {
        if (!derivatives) return (function(x), null);
        using var tape = new GradientTape();
        tape.Watch(x);
        var values = function(x);
        return (values, tape.Gradient(Runtime.Ops.Sum(values), x)[0]);
    }

    private static Tensor Linspace(float min, float max, int points)
    {
        var values = new float[points];
        var step = ((double)max - min) / (points - 1);
        for (var i = 0; i < points; i++) values[i] = (float)(min + i * step);
        values[^1] = max;
        return Tensor.FromArray(values, points);
    }

    private static string F(float value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
