using System.Diagnostics;

namespace NotebookKeras.Visualizers.Training;

/// <summary>
/// A mutable visual drawn into a <see cref="LiveOutput"/> at most ten times a second. A redraw skipped by the throttle is made by
/// a timer shortly after, so the output shows the last state even when the next thing the cell does is slow; at the end of the
/// cell the visual's final state is drawn (what stays in the notebook).
/// </summary>
internal sealed class ThrottledOutput
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(0.1);

    private readonly LiveOutput _output;
    private readonly Visual _visual;
    // One lock for the visual and the drawing, so renders go out in order and each shows a consistent state.
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _timer;
    private TimeSpan _lastDraw;
    private bool _drawn;
    private bool _pending;
    private bool _ended;

    /// <summary>Draws <paramref name="visual"/> into <paramref name="output"/>. At the end of the cell, <paramref name="complete"/>
    /// turns the visual into its final state (it returns false when it already was) and that state is drawn.</summary>
    public ThrottledOutput(LiveOutput output, Visual visual, Func<bool> complete)
    {
        _output = output;
        _visual = visual;
        _timer = new Timer(_ => Draw(force: true));
        output.OnEnd(() =>
        {
            lock (_lock)
            {
                if (_drawn && complete()) _pending = true;
                Draw(force: true);
                _ended = true;
                _timer.Dispose();
            }
        });
    }

    /// <summary>Applies <paramref name="change"/> to the visual, then redraws it: now when <paramref name="immediately"/> (a final
    /// state) or when the interval since the last draw has passed, else shortly after.</summary>
    public void Change(Action change, bool immediately = false)
    {
        lock (_lock)
        {
            change();
            if (immediately) _pending = true;
            Draw(force: immediately);
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
            _output.Render(_visual);
        }
    }
}
