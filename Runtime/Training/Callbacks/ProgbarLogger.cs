using System.Diagnostics;

namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>
/// Reports progress (Keras's <c>ProgbarLogger</c>, added by Fit, Evaluate and Predict when verbose is not 0): "Epoch 3/10" at each
/// epoch, live updates within it for verbose 1 (at most ~10 a second), and the epoch's final values. What the progress looks
/// like is the renderer's business (<see cref="RendererFactory"/>): text in a terminal, a widget in a notebook.
/// </summary>
public sealed class ProgbarLogger : Callback
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(0.1);

    private readonly IProgressRenderer? _renderer;
    private IProgressRenderer? _active;
    private readonly Stopwatch _clock = new();
    private TimeSpan _lastUpdate;
    private int _seen;
    private int? _target;
    private int _verbose = 1;
    private int _epochs = 1;
    private bool _calledInFit;

    /// <summary>Progress through <paramref name="renderer"/>, or through <see cref="RendererFactory"/>'s renderer when null.</summary>
    public ProgbarLogger(IProgressRenderer? renderer = null)
    {
        _renderer = renderer;
    }

    /// <summary>Makes the renderer of every ProgbarLogger created without one: Keras's text on the console by default.</summary>
    public static Func<IProgressRenderer> RendererFactory { get; set; } = () => new TextProgressRenderer();

    private IProgressRenderer Renderer => _active ??= _renderer ?? RendererFactory();

    public override void SetParams(TrainingParams parameters)
    {
        base.SetParams(parameters);
        _verbose = parameters.Verbose;
        _epochs = parameters.Epochs;
        _target = parameters.Steps;
    }

    public override void OnTrainBegin(IDictionary<string, double> logs) => _calledInFit = true;

    public override void OnTrainEnd(IDictionary<string, double> logs) => _calledInFit = false;

    public override void OnTestBegin(IDictionary<string, double> logs)
    {
        if (!_calledInFit) Reset();
    }

    public override void OnPredictBegin(IDictionary<string, double> logs) => Reset();

    public override void OnEpochBegin(int epoch, IDictionary<string, double> logs)
    {
        Reset();
        if (_verbose != 0 && _epochs > 1) Renderer.Message($"Epoch {epoch + 1}/{_epochs}");
    }

    public override void OnTrainBatchEnd(int batch, IDictionary<string, double> logs) => Step(batch, logs);

    public override void OnTestBatchEnd(int batch, IDictionary<string, double> logs)
    {
        if (!_calledInFit) Step(batch, logs);
    }

    public override void OnPredictBatchEnd(int batch, IDictionary<string, double> logs) => Step(batch, logs);

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs) => Finish(logs);

    public override void OnTestEnd(IDictionary<string, double> logs)
    {
        if (!_calledInFit) Finish(logs);
    }

    public override void OnPredictEnd(IDictionary<string, double> logs) => Finish(logs);

    private void Reset()
    {
        _seen = 0;
        _lastUpdate = TimeSpan.Zero;
        _clock.Restart();
    }

    private void Step(int batch, IDictionary<string, double> logs)
    {
        _seen = batch + 1;
        if (_verbose != 1) return;
        var now = _clock.Elapsed;
        // Throttled: a live line redrawn for every step would flood notebooks and slow fast epochs.
        if (now - _lastUpdate < Interval && _seen != _target) return;
        _lastUpdate = now;
        Renderer.Update(new ProgressState(_seen, _target, now, [.. logs], _verbose));
    }

    private void Finish(IDictionary<string, double> logs)
    {
        if (_verbose == 0) return;
        // A pass of unknown length (a batch source) has its length known from now on, as in Keras.
        _target ??= _seen;
        Renderer.Finish(new ProgressState(_target.Value, _target, _clock.Elapsed, [.. logs], _verbose));
    }
}
