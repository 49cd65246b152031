using NotebookKeras.Visualizers;
using NotebookKeras.Visualizers.Training;

namespace NotebookKeras.Kernel.Execution;

/// <summary>A live output of a cell: a display (display_data with an id), then its updates (update_display_data).</summary>
internal sealed class CellLiveOutput(CellContext cell) : LiveOutput
{
    private DisplayHandle? _handle;

    protected override void Show(Visual visual) => _handle = cell.Display(visual);

    protected override void Update(Visual visual) =>
        (_handle ?? throw new InvalidOperationException("CellLiveOutput: Update before Show.")).Update(visual);

    public override void OnEnd(Action action) => cell.OnEnd(action);
}
