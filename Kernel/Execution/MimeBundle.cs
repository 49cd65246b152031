namespace NotebookKeras.Kernel.Execution;

/// <summary>One value rendered in several MIME types (always <c>text/plain</c>, plus e.g. <c>text/html</c>), as Jupyter's <c>data</c> dict.</summary>
public sealed record MimeBundle(IReadOnlyDictionary<string, string> Data)
{
    public string PlainText => Data.TryGetValue("text/plain", out var text) ? text : "";
}
