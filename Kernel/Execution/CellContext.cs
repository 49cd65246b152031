using System.Text;
using NotebookKeras.Kernel.Formatting;

namespace NotebookKeras.Kernel.Execution;

/// <summary>
/// The cell that is running: where its console text and displays go. Code running in the cell's async flow (its tasks and
/// threads) finds it through <see cref="Current"/>; other threads writing to the console while it runs reach it through
/// <see cref="Running"/>. Console text is buffered by line, so a cell's prints become a few stream messages rather than one
/// per <c>Write</c>, and it is flushed before every display so outputs keep their order.
/// </summary>
internal sealed class CellContext(IOutputSink sink, DisplayFormatter formatter)
{
    private static readonly AsyncLocal<CellContext?> Ambient = new();
    private static CellContext? s_running;
    private static int s_displayIds;

    private readonly Lock _lock = new();
    private readonly StringBuilder _pending = new();
    private readonly List<Action> _onEnd = [];
    private string _pendingStream = StandardOutput;
    private bool _ending;
    private bool _ended;

    public const string StandardOutput = "stdout";
    public const string StandardError = "stderr";

    /// <summary>The cell whose code is running on this async flow, if any.</summary>
    public static CellContext? Current => Ambient.Value;

    /// <summary>The cell running in this process, if any (for threads that did not start in a cell's flow).</summary>
    public static CellContext? Running => Volatile.Read(ref s_running);

    /// <summary>The live cell for code on this flow: its own while it runs, else the one running now (or null).</summary>
    public static CellContext? Live => Current is { IsEnded: false } own ? own : Running;

    public bool IsEnded
    {
        get
        {
            lock (_lock) return _ended;
        }
    }

    public DisplayFormatter Formatter => formatter;

    /// <summary>Makes this the current and running cell until the returned scope is disposed; disposal flushes and ends it.</summary>
    public IDisposable Enter()
    {
        Ambient.Value = this;
        Volatile.Write(ref s_running, this);
        return new Scope(this);
    }

    /// <summary>Runs <paramref name="action"/> when the cell ends (before its final flush): pending throttled renderings.</summary>
    public void OnEnd(Action action)
    {
        lock (_lock) _onEnd.Add(action);
    }

    public void Write(string stream, string text)
    {
        if (text.Length == 0) return;
        lock (_lock)
        {
            if (stream != _pendingStream) FlushLocked();
            _pendingStream = stream;
            _pending.Append(text);
            var lastNewline = text.LastIndexOf('\n');
            if (lastNewline < 0) return;
            // Whole lines go out now; a partial line waits for its end, a display, a flush or the end of the cell.
            var complete = _pending.Length - (text.Length - lastNewline - 1);
            sink.Stream(stream, _pending.ToString(0, complete));
            _pending.Remove(0, complete);
        }
    }

    public void Flush()
    {
        lock (_lock) FlushLocked();
    }

    /// <summary>Displays <paramref name="value"/> as a new output that can be updated through the returned handle.</summary>
    public DisplayHandle Display(object? value)
    {
        var id = "nkeras-" + Interlocked.Increment(ref s_displayIds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bundle = Format(value);
        lock (_lock)
        {
            FlushLocked();
            sink.Display(bundle, id);
        }
        return new DisplayHandle(id, this);
    }

    /// <summary>Sends a new rendering of the display <paramref name="displayId"/>.</summary>
    public void Update(string displayId, object? value)
    {
        var bundle = Format(value);
        lock (_lock)
        {
            FlushLocked();
            sink.UpdateDisplay(bundle, displayId);
        }
    }

    public MimeBundle Format(object? value) => new(formatter.Format(value));

    private void FlushLocked()
    {
        if (_pending.Length == 0) return;
        sink.Stream(_pendingStream, _pending.ToString());
        _pending.Clear();
    }

    private void End()
    {
        Action[] actions;
        lock (_lock)
        {
            if (_ending) return;
            _ending = true;
            actions = [.. _onEnd];
        }
        // The actions run while the cell is still live, so what they draw (final renders) goes to this cell, not to another
        // session's running cell.
        foreach (var action in actions) action();
        lock (_lock) _ended = true;
        Flush();
    }

    private sealed class Scope(CellContext context) : IDisposable
    {
        public void Dispose()
        {
            context.End();
            Interlocked.CompareExchange(ref s_running, null, context);
            Ambient.Value = null;
        }
    }
}
