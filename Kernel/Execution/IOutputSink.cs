namespace NotebookKeras.Kernel.Execution;

/// <summary>
/// Where a running cell's outputs go, in the order they happen: the Jupyter kernel turns them into iopub messages, the headless
/// runner into nbformat outputs. Calls may come from any thread while a cell runs (e.g. live training progress).
/// </summary>
public interface IOutputSink
{
    /// <summary>Text written to stdout ("stdout") or stderr ("stderr").</summary>
    void Stream(string name, string text);

    /// <summary>A displayed value (Jupyter display_data); <paramref name="displayId"/> is set when it can be updated later.</summary>
    void Display(MimeBundle data, string? displayId);

    /// <summary>A new rendering of an earlier display (Jupyter update_display_data).</summary>
    void UpdateDisplay(MimeBundle data, string displayId);
}
