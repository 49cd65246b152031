using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace NotebookKeras.Kernel.Notebooks;

/// <summary>
/// The Markdown of notebook cells as HTML for the offline report: headings, paragraphs, lists, fenced code, inline code, bold
/// and italics. Links keep their text and show their address as text, so the report never points at the network. Everything
/// is HTML-escaped first; raw HTML in Markdown is shown as text.
/// </summary>
internal static partial class MarkdownHtml
{
    public static string Render(string markdown)
    {
        var html = new StringBuilder();
        var paragraph = new List<string>();
        string? list = null;
        var inCode = false;
        void EndParagraph()
        {
            if (paragraph.Count > 0) html.Append("<p>").Append(Inline(string.Join(" ", paragraph))).Append("</p>\n");
            paragraph.Clear();
        }
        void EndList()
        {
            if (list is not null) html.Append("</").Append(list).Append(">\n");
            list = null;
        }
        foreach (var raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                EndParagraph();
                EndList();
                html.Append(inCode ? "</code></pre>\n" : "<pre><code>");
                inCode = !inCode;
                continue;
            }
            if (inCode)
            {
                html.Append(WebUtility.HtmlEncode(raw)).Append('\n');
                continue;
            }
            if (line.Length == 0)
            {
                EndParagraph();
                EndList();
                continue;
            }
            if (Heading().Match(line) is { Success: true } heading)
            {
                EndParagraph();
                EndList();
                var level = heading.Groups[1].Length;
                html.Append($"<h{level}>").Append(Inline(heading.Groups[2].Value)).Append($"</h{level}>\n");
                continue;
            }
            if (ListItem().Match(line) is { Success: true } item)
            {
                EndParagraph();
                var kind = char.IsDigit(item.Groups[1].Value[0]) ? "ol" : "ul";
                if (list != kind)
                {
                    EndList();
                    html.Append('<').Append(kind).Append(">\n");
                    list = kind;
                }
                html.Append("<li>").Append(Inline(item.Groups[2].Value)).Append("</li>\n");
                continue;
            }
            if (list is not null && raw.StartsWith("  ", StringComparison.Ordinal))
            {
                // A continuation line of the last list item.
                html.Length -= "</li>\n".Length;
                html.Append(' ').Append(Inline(line.Trim())).Append("</li>\n");
                continue;
            }
            EndList();
            paragraph.Add(line.Trim());
        }
        if (inCode) html.Append("</code></pre>\n");
        EndParagraph();
        EndList();
        return html.ToString();
    }

    private static string Inline(string text)
    {
        var parts = InlineCode().Split(text);
        var html = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            // Odd parts are the insides of `code` spans, left as they are.
            if (i % 2 == 1)
            {
                html.Append("<code>").Append(WebUtility.HtmlEncode(parts[i])).Append("</code>");
                continue;
            }
            var escaped = WebUtility.HtmlEncode(parts[i]);
            escaped = Link().Replace(escaped, "$1 ($2)");
            escaped = Bold().Replace(escaped, "<strong>$1</strong>");
            escaped = Italic().Replace(escaped, "<em>$1</em>");
            html.Append(escaped);
        }
        return html.ToString();
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}([-*+]|\d+[.)])\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")]
    private static partial Regex Italic();
}
