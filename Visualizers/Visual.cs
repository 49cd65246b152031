using System.Text;
using NotebookKeras.Runtime.IO;

namespace NotebookKeras.Visualizers;

/// <summary>
/// Something a notebook shows: an HTML fragment for notebooks and reports, and a plain-text form for terminals and front ends
/// that show no HTML. Both hosts display every visual through one formatter; a visual also saves itself as a page that opens
/// offline.
/// </summary>
public abstract class Visual
{
    /// <summary>
    /// The HTML fragment for an output of <paramref name="page"/>: scripts that earlier outputs of the page already carry (plotly.js)
    /// are not repeated.
    /// </summary>
    public abstract string ToHtml(HtmlPage page);

    /// <summary>The fragment on its own: it carries every script it needs.</summary>
    public string ToHtml() => ToHtml(new HtmlPage());

    /// <summary>The plain-text form (what a terminal prints).</summary>
    public abstract string ToText();

    public override string ToString() => ToText();

    /// <summary>A whole HTML document holding this visual, openable offline.</summary>
    public string ToHtmlDocument(string? title = null) =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + System.Net.WebUtility.HtmlEncode(title ?? GetType().Name) +
        "</title>\n</head>\n<body style=\"font-family:system-ui,sans-serif\">\n" + ToHtml(new HtmlPage()) + "\n</body>\n</html>\n";

    /// <summary>Writes <see cref="ToHtmlDocument"/> to <paramref name="path"/> atomically (a failed write leaves no partial file).</summary>
    public virtual void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = new UTF8Encoding(false).GetBytes(ToHtmlDocument(Path.GetFileNameWithoutExtension(path)));
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }
}
