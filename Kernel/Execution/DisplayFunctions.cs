namespace NotebookKeras.Kernel.Execution;

/// <summary>The functions a cell calls by name (a session imports this class statically): <c>Display(model)</c>.</summary>
public static class DisplayFunctions
{
    /// <summary>Shows <paramref name="value"/> as an output of the running cell now; returns a handle to update it in place.</summary>
    public static DisplayHandle Display(object? value)
    {
        var cell = CellContext.Live
            ?? throw new InvalidOperationException("Display: no cell is running; Display can only be called from code a notebook session runs.");
        return cell.Display(value);
    }
}
