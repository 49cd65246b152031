using NotebookKeras.Visualizers.Training;

namespace NotebookKeras.Kernel.Execution;

/// <summary>
/// The process-wide seams a session plugs into, installed once: the console writers (cells capture their output) and the
/// renderer factory of training progress (Fit in a cell draws one live output). Outside a cell both behave as before.
/// </summary>
internal static class ProcessHooks
{
    private static readonly Lock InstallLock = new();
    private static bool s_installed;

    public static void Install()
    {
        lock (InstallLock)
        {
            if (s_installed) return;
            Console.SetOut(new ConsoleRouter(CellContext.StandardOutput, Console.Out));
            Console.SetError(new ConsoleRouter(CellContext.StandardError, Console.Error));
            LiveOutput.Install(() => CellContext.Live is { } cell ? new CellLiveOutput(cell) : null);
            s_installed = true;
        }
    }
}
