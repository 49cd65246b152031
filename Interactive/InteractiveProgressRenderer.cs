using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Interactive;

/// <summary>
/// Fit's progress in a .NET Interactive notebook: one display per pass, updated in place (display_data then
/// update_display_data with the same id) instead of a line per batch. Outside a submission it writes nothing.
/// </summary>
internal sealed class InteractiveProgressRenderer : IProgressRenderer
{
    private DisplayedValue? _display;

    public void Message(string text)
    {
        _display = null;
        Display(text);
    }

    public void Update(ProgressState state)
    {
        if (state.Verbose != 1) return;
        Show(TextProgressRenderer.Format(state, final: false));
    }

    public void Finish(ProgressState state)
    {
        Show(TextProgressRenderer.Format(state, final: true));
        _display = null;
    }

    // Named explicitly: System.DisplayExtensions.Display(object) would bind with the context as the value.
    private static DisplayedValue? Display(string text) =>
        KernelInvocationContext.Current is { } context ? KernelInvocationContextExtensions.Display(context, text, PlainTextFormatter.MimeType) : null;

    private void Show(string line)
    {
        if (_display is null) _display = Display(line);
        else _display.Update(line);
    }
}
