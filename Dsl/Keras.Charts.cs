using NotebookKeras.Visualizers.Charts;
using HistoryType = NotebookKeras.Runtime.Training.Callbacks.History;
using ModelType = NotebookKeras.Runtime.Models.Model;
using TensorType = NotebookKeras.Runtime.Tensors.Tensor;

namespace NotebookKeras.Dsl;

// Charts from data. Each returns a Figure: a notebook cell displays it, figure.Save("x.html") writes a page that draws offline.
public static partial class Keras
{
    /// <summary>
    /// Activation functions over [<paramref name="min"/>, <paramref name="max"/>] (default: sigmoid, tanh, relu, softplus), and with
    /// <paramref name="derivatives"/> their derivatives from the autodiff in a second panel.
    /// </summary>
    public static Figure PlotActivations(IEnumerable<string>? activations = null, float min = -5, float max = 5, int points = 201, bool derivatives = false) =>
        ActivationCurves.Plot(activations, min, max, points, derivatives);

    /// <summary>Training curves of a fit: one panel per metric, training solid and validation dashed.</summary>
    public static Figure PlotHistory(HistoryType history) => TrainingCurves.Plot(history);

    /// <summary>
    /// The confusion matrix of labels (or one-hot rows) <paramref name="yTrue"/> against predicted labels or class scores
    /// <paramref name="yPred"/>, as an annotated heatmap; <paramref name="normalize"/> divides each row by its total.
    /// </summary>
    public static Figure PlotConfusionMatrix(TensorType yTrue, TensorType yPred, IReadOnlyList<string>? classNames = null, bool normalize = false) =>
        ConfusionMatrix.Plot(yTrue, yPred, classNames, normalize);

    /// <summary>A callback that keeps every training curve (loss and metrics, training vs validation) live in one output during
    /// <c>Fit</c>, ending as a chart: <c>model.Fit(x, y, epochs: 20, validationSplit: 0.2, callbacks: [LiveTrainingCurves()])</c>.</summary>
    public static Visualizers.Training.LiveTrainingCurves LiveTrainingCurves() => new();

    /// <summary>Histograms of each layer's weights (kernel, bias...), one panel per layer.</summary>
    public static Figure PlotWeightHistograms(ModelType model) => WeightHistograms.Plot(model);

    /// <summary>Histograms of the gradients of the compiled loss on one batch (<paramref name="x"/>, <paramref name="y"/>), one panel per layer.</summary>
    public static Figure PlotGradientHistograms(ModelType model, TensorType x, TensorType y) => GradientHistograms.Plot(model, x, y);
}
