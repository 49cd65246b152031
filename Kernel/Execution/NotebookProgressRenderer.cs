using System.Diagnostics;
using System.Text;
using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Kernel.Execution;

/// <summary>
/// Training progress in a cell: one output per Fit/Evaluate/Predict, redrawn in place (Keras's lines, the live one last), at most
/// ten times a second. A redraw skipped by the throttle is made by a timer shortly after, so the output always ends on the
/// final values even when the next thing the cell does is slow.
/// </summary>
internal sealed class NotebookProgressRenderer : IProgressRenderer
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(0.1);

    private readonly CellContext _cell;
    private readonly Lock _lock = new();
    private readonly StringBuilder _lines = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _timer;
    private string? _live;
    private DisplayHandle? _handle;
    private TimeSpan _lastDraw;
    private bool _pending;
    private bool _ended;

    public NotebookProgressRenderer(CellContext cell)
    {
        _cell = cell;
        _timer = new Timer(_ => Draw(force: true));
        cell.OnEnd(() =>
        {
            Draw(force: true);
            lock (_lock)
            {
                _ended = true;
                _timer.Dispose();
            }
        });
    }

    public void Message(string text)
    {
        lock (_lock) _lines.AppendLine(text);
        Draw(force: false);
    }

    public void Update(ProgressState state)
    {
        if (state.Verbose != 1) return;
        lock (_lock) _live = TextProgressRenderer.Format(state, final: false);
        Draw(force: false);
    }

    public void Finish(ProgressState state)
    {
        lock (_lock)
        {
            _live = null;
            _lines.AppendLine(TextProgressRenderer.Format(state, final: true));
        }
        Draw(force: false);
    }

    private void Draw(bool force)
    {
        string text;
        DisplayHandle? handle;
        lock (_lock)
        {
            var now = _clock.Elapsed;
            if (force && !_pending) return;
            if (!force && !_ended && _handle is not null && now - _lastDraw < Interval)
            {
                if (!_pending) _timer.Change(Interval - (now - _lastDraw), Timeout.InfiniteTimeSpan);
                _pending = true;
                return;
            }
            _pending = false;
            _lastDraw = now;
            text = (_lines.ToString() + _live).TrimEnd('\n', '\r');
            handle = _handle;
            if (handle is null)
            {
                _handle = _cell.Display(text);
                return;
            }
        }
        handle.Update(text);
    }
}
