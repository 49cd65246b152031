using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Visualizers.Training;

/// <summary>
/// A callback that keeps the training curves live during <c>Fit</c>: one output of the cell, redrawn at each epoch's end (at most
/// ten times a second), with a chart per value (loss and each metric, training vs validation). While training runs the charts are
/// light inline SVG; the final render, at the end of Fit, is a plotly figure. Outside a notebook cell (no host output) it draws
/// nothing: <c>model.Fit(x, y, epochs: 20, validationSplit: 0.2, callbacks: [new LiveTrainingCurves()])</c>.
/// </summary>
public sealed class LiveTrainingCurves : Callback
{
    private readonly LiveOutput? _output;
    private ThrottledOutput? _live;
    private TrainingCurvesView? _view;

    /// <summary>Curves drawn into <paramref name="output"/>, or into a new output of the running cell when null.</summary>
    public LiveTrainingCurves(LiveOutput? output = null)
    {
        _output = output;
    }

    public override void OnTrainBegin(IDictionary<string, double> logs)
    {
        _view = null;
        _live = null;
        if ((_output ?? LiveOutput.Open()) is not { } output) return;
        _view = new TrainingCurvesView();
        _live = new ThrottledOutput(output, _view, _view.Complete);
    }

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        if (_live is null || _view is not { } view) return;
        var values = logs.ToArray();
        var epochs = Params?.Epochs ?? epoch + 1;
        _live.Change(() => view.AddEpoch(epoch + 1, epochs, values));
    }

    public override void OnTrainEnd(IDictionary<string, double> logs)
    {
        if (_live is null || _view is not { } view) return;
        _live.Change(() => view.Complete(), immediately: true);
    }
}
