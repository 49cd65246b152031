using System.Text;

namespace NotebookKeras.Kernel.Execution;

/// <summary>
/// Console.Out and Console.Error while sessions exist: text written during a cell goes to that cell's outputs, whichever thread
/// writes it; text written when no cell runs goes to the process's original console. Installed once per process, because the
/// console writers are process-wide and swapping them around each cell would race with threads still writing
/// (<see cref="ProcessHooks"/> installs it).
/// </summary>
internal sealed class ConsoleRouter(string stream, TextWriter original) : TextWriter
{
    public override Encoding Encoding => original.Encoding;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Write(new string(buffer));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (CellContext.Live is { } cell) cell.Write(stream, value);
        else original.Write(value);
    }

    public override void WriteLine(string? value) => Write(value + NewLine);

    public override void WriteLine() => Write(NewLine);

    public override void Flush()
    {
        if (CellContext.Live is { } cell) cell.Flush();
        else original.Flush();
    }
}
