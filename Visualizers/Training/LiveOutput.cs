using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Visualizers.Training;

/// <summary>
/// One output of a running notebook cell that is drawn, then redrawn in place (Jupyter's display id): what a notebook host gives
/// live visuals such as training progress. The first <see cref="Render"/> shows the visual, later ones replace it. Hosts implement
/// <see cref="Show"/>, <see cref="Update"/> and <see cref="OnEnd"/>, and announce themselves with <see cref="Install"/>.
/// </summary>
public abstract class LiveOutput
{
    private static readonly Lock InstallLock = new();
    private static Func<LiveOutput?>? s_opener;
    private bool _shown;

    /// <summary>Draws <paramref name="visual"/>: the first time as a new output, afterwards in place of it. Callers serialize calls.</summary>
    public void Render(Visual visual)
    {
        ArgumentNullException.ThrowIfNull(visual);
        if (_shown)
        {
            Update(visual);
            return;
        }
        Show(visual);
        _shown = true;
    }

    /// <summary>Shows <paramref name="visual"/> as a new output of the cell (HTML and text/plain, through the host's formatter).</summary>
    protected abstract void Show(Visual visual);

    /// <summary>Replaces the output with <paramref name="visual"/>.</summary>
    protected abstract void Update(Visual visual);

    /// <summary>Runs <paramref name="action"/> when the cell that owns this output ends, while it can still update the output
    /// (throttled renderers draw their last state there).</summary>
    public abstract void OnEnd(Action action);

    /// <summary>
    /// Called once per process by a notebook host: <paramref name="opener"/> opens a live output in the cell running now (null when
    /// none runs). From then on Fit/Evaluate/Predict progress in a cell is one live output (<see cref="LiveProgressRenderer"/>);
    /// outside a cell it stays what it was (Keras's text). Calling it again replaces the opener.
    /// </summary>
    public static void Install(Func<LiveOutput?> opener)
    {
        ArgumentNullException.ThrowIfNull(opener);
        lock (InstallLock)
        {
            if (s_opener is null)
            {
                var outside = ProgbarLogger.RendererFactory;
                ProgbarLogger.RendererFactory = () => Open() is { } output ? new LiveProgressRenderer(output) : outside();
            }
            Volatile.Write(ref s_opener, opener);
        }
    }

    /// <summary>A new live output in the running cell, or null outside a notebook cell (or when no host is installed).</summary>
    public static LiveOutput? Open() => Volatile.Read(ref s_opener)?.Invoke();
}
