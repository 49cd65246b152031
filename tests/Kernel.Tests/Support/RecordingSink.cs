using NotebookKeras.Kernel.Execution;

namespace NotebookKeras.Kernel.Tests.Support;

/// <summary>An output sink that records every call, in order, for assertions.</summary>
internal sealed class RecordingSink : IOutputSink
{
    private readonly Lock _lock = new();
    private readonly List<Output> _outputs = [];

    public sealed record Output(string Kind, string? Name, MimeBundle? Data, string? DisplayId, string? Text);

    /// <summary>Called after every output (from the cell's thread): lets a test react to progress.</summary>
    public Action<Output>? OnOutput { get; set; }

    public IReadOnlyList<Output> Outputs
    {
        get
        {
            lock (_lock) return [.. _outputs];
        }
    }

    public string StreamText(string name) => string.Concat(Outputs.Where(o => o.Kind == "stream" && o.Name == name).Select(o => o.Text));

    public void Stream(string name, string text) => Add(new Output("stream", name, null, null, text));

    public void Display(MimeBundle data, string? displayId) => Add(new Output("display", null, data, displayId, null));

    public void UpdateDisplay(MimeBundle data, string displayId) => Add(new Output("update", null, data, displayId, null));

    private void Add(Output output)
    {
        lock (_lock) _outputs.Add(output);
        OnOutput?.Invoke(output);
    }
}
