using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Visualizers.Training;

/// <summary>
/// Training progress in a notebook, for every host: one <see cref="LiveOutput"/> per Fit/Evaluate/Predict, redrawn in place
/// (<see cref="TrainingProgressView"/>: Keras's lines, a bar, the values and their curves so far) at most ten times a second,
/// ending, when the cell ends, in a static final render: Keras's lines, the final values and the per-epoch curves.
/// </summary>
public sealed class LiveProgressRenderer : IProgressRenderer
{
    private readonly TrainingProgressView _view = new();
    private readonly ThrottledOutput _output;

    /// <summary>Progress drawn into <paramref name="output"/>.</summary>
    public LiveProgressRenderer(LiveOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = new ThrottledOutput(output, _view, _view.Complete);
    }

    public void Message(string text) => _output.Change(() => _view.AddLine(text));

    public void Update(ProgressState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Verbose == 1) _output.Change(() => _view.Progress(state));
    }

    public void Finish(ProgressState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _output.Change(() => _view.Finish(state));
    }
}
