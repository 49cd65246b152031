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
        _timer = new Timer(_ => Draw(fromTimer: true));
        output.OnEnd(() =>
        {
            lock (_lock)
            {
                if (_drawn && complete()) _pending = true;
                if (_pending) DrawNow();
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
            if (immediately) DrawNow();
            else Draw(fromTimer: false);
        }
    }

    /// <summary>Draws now if the interval since the last draw has passed (or the cell has ended), else makes sure the timer draws
    /// when it has; the timer only draws what is pending.</summary>
    private void Draw(bool fromTimer)
    {
        lock (_lock)
        {
            if (fromTimer && !_pending) return;
            var wait = Interval - (_clock.Elapsed - _lastDraw);
            if (!_ended && _drawn && wait > TimeSpan.Zero)
            {
                // A timer may fire a little early: it then waits for the rest of the interval.
                if (!_pending || fromTimer) _timer.Change(wait, Timeout.InfiniteTimeSpan);
                _pending = true;
                return;
            }
            DrawNow();
        }
    }

    private void DrawNow()
    {
        _pending = false;
        _lastDraw = _clock.Elapsed;
        _drawn = true;
        _output.Render(_visual);
    }
}
