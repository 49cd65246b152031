namespace NotebookKeras.Kernel.Execution;

/// <summary>
/// A displayed output that can be redrawn in place (Jupyter's display id): <c>var h = Display("step 0"); … h.Update("step 9");</c>.
/// An update made from a later cell still replaces the original output.
/// </summary>
public sealed class DisplayHandle
{
    private readonly CellContext _origin;

    internal DisplayHandle(string displayId, CellContext origin)
    {
        DisplayId = displayId;
        _origin = origin;
    }

    /// <summary>The display id shared by the output and its updates.</summary>
    public string DisplayId { get; }

    /// <summary>Replaces the displayed value with <paramref name="value"/>, rendered through the session's formatters.</summary>
    public void Update(object? value) => (CellContext.Live ?? _origin).Update(DisplayId, value);
}
