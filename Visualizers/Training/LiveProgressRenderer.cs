using System.Diagnostics;
using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Visualizers.Training;

/// <summary>
/// Training progress in a notebook, for every host: one <see cref="LiveOutput"/> per Fit/Evaluate/Predict, redrawn in place
/// (<see cref="TrainingProgressView"/>: Keras's lines, a bar, the values and their curves so far), at most ten times a second. A
/// redraw skipped by the throttle is made by a timer shortly after, and at the end of the cell, so the output always ends on the
/// final values even when the next thing the cell does is slow.
/// </summary>
public sealed class LiveProgressRenderer : IProgressRenderer
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(0.1);

    private readonly LiveOutput _output;
    // One lock for the view and the drawing, so renders go out in order and each shows a consistent state.
    private readonly Lock _lock = new();
    private readonly TrainingProgressView _view = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _timer;
    private TimeSpan _lastDraw;
    private bool _drawn;
    private bool _pending;
    private bool _ended;

    /// <summary>Progress drawn into <paramref name="output"/>.</summary>
    public LiveProgressRenderer(LiveOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _timer = new Timer(_ => Draw(force: true));
        output.OnEnd(() =>
        {
            lock (_lock)
            {
                Draw(force: true);
                _ended = true;
                _timer.Dispose();
            }
        });
    }

    public void Message(string text)
    {
        lock (_lock)
        {
            _view.AddLine(text);
            Draw(force: false);
        }
    }

    public void Update(ProgressState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Verbose != 1) return;
        lock (_lock)
        {
            _view.Progress(state);
            Draw(force: false);
        }
    }

    public void Finish(ProgressState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_lock)
        {
            _view.Finish(state);
            Draw(force: false);
        }
    }

    /// <summary>Draws now, or (throttled) schedules a forced draw for when the interval has passed; a forced draw only draws what
    /// is pending.</summary>
    private void Draw(bool force)
    {
        lock (_lock)
        {
            if (force && !_pending) return;
            var now = _clock.Elapsed;
            if (!force && !_ended && _drawn && now - _lastDraw < Interval)
            {
                if (!_pending) _timer.Change(Interval - (now - _lastDraw), Timeout.InfiniteTimeSpan);
                _pending = true;
                return;
            }
            _pending = false;
            _lastDraw = now;
            _drawn = true;
            _output.Render(_view);
        }
    }
}
