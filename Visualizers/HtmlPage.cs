namespace NotebookKeras.Visualizers;

/// <summary>
/// The page a sequence of outputs lands on (a notebook session, a report, a saved file): remembers which shared scripts an
/// earlier output already carries, so plotly.js is embedded once per page rather than once per chart. Thread-safe: Fit's
/// progress renders from another thread than the cell.
/// </summary>
public sealed class HtmlPage
{
    private int _hasPlotly;

    /// <summary>True the first time it is asked on this page: the caller must embed plotly.js in its output.</summary>
    internal bool ClaimPlotly() => Interlocked.Exchange(ref _hasPlotly, 1) == 0;

    /// <summary>Forgets what earlier outputs carried (the next chart embeds plotly.js again), e.g. when the outputs were cleared.</summary>
    public void Reset() => Interlocked.Exchange(ref _hasPlotly, 0);
}
