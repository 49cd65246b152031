using NotebookKeras.Visualizers.Training;

namespace NotebookKeras.Visualizers.Tests.Training;

/// <summary>A live output that records each rendering (text and HTML, as a host formats them) and runs its end actions on demand.</summary>
internal sealed class RecordingLiveOutput : LiveOutput
{
    private readonly Lock _lock = new();
    private readonly List<Rendering> _renderings = [];
    private readonly List<Action> _onEnd = [];

    public sealed record Rendering(bool IsUpdate, string Text, string Html);

    public IReadOnlyList<Rendering> Renderings
    {
        get
        {
            lock (_lock) return [.. _renderings];
        }
    }

    /// <summary>Ends the cell: runs what the renderer asked to run then.</summary>
    public void End()
    {
        Action[] actions;
        lock (_lock) actions = [.. _onEnd];
        foreach (var action in actions) action();
    }

    protected override void Show(Visual visual) => Record(false, visual);

    protected override void Update(Visual visual) => Record(true, visual);

    public override void OnEnd(Action action)
    {
        lock (_lock) _onEnd.Add(action);
    }

    private void Record(bool isUpdate, Visual visual)
    {
        var rendering = new Rendering(isUpdate, visual.ToText(), visual.ToHtml(new HtmlPage()));
        lock (_lock) _renderings.Add(rendering);
    }
}
