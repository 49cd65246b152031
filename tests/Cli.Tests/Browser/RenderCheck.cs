using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using NotebookKeras.Cli.Tests.Support;

namespace NotebookKeras.Cli.Tests.Browser;

/// <summary>
/// Checks a page the way a reader sees it: a copy of the page with RenderCheck.js injected is rendered in headless Chromium
/// (offline), and the script's findings are read back from the dumped DOM.
/// </summary>
internal static partial class RenderCheck
{
    // Figure's chart gives up waiting for plotly.js after 100 tries 100 ms apart; the check comes after that, so a chart
    // missing plotly.js already shows its fallback. Virtual time: the wait costs no real time.
    private const int WaitMilliseconds = 10_500;
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(30);
    // Chromium draws a window this tall in a few seconds; a longer page's screenshot shows its top.
    private const int ScreenshotHeightLimit = 16_000;

    private static readonly Lazy<string> s_script = new(() =>
    {
        using var stream = typeof(RenderCheck).Assembly.GetManifestResourceStream("NotebookKeras.Cli.Tests.Browser.RenderCheck.js")
            ?? throw new InvalidOperationException("RenderCheck.js is not embedded in the test assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("__WAIT_MS__", WaitMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    });

    /// <summary>
    /// Renders the page at <paramref name="path"/> (left unchanged) and returns the findings; with <paramref name="screenshot"/>,
    /// also writes a PNG of the whole page (a second launch when the page is taller than the first window).
    /// </summary>
    public static RenderFindings Run(string path, string? screenshot = null)
    {
        using var work = new TemporaryFolder("render");
        var copy = Path.Combine(work.Path, Path.GetFileName(path));
        File.WriteAllText(copy, Inject(File.ReadAllText(path)));
        if (screenshot is not null) Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(screenshot))!);
        const int firstHeight = 1000;
        var findings = Parse(Chromium.DumpDom(copy, s_budget, screenshot, firstHeight), path);
        if (screenshot is not null && findings.Height > firstHeight)
            Chromium.DumpDom(copy, s_budget, screenshot, Math.Min(findings.Height, ScreenshotHeightLimit));
        return findings;
    }

    /// <summary>
    /// The page with the checker as the first script of its head: it must be in place before the page's own scripts run, to
    /// record their errors; it checks only after the load event.
    /// </summary>
    public static string Inject(string html)
    {
        var script = "<script>" + s_script.Value + "</script>";
        var head = Head().Match(html);
        if (head.Success) return html.Insert(head.Index + head.Length, script);
        var root = Root().Match(html);
        return root.Success ? html.Insert(root.Index + root.Length, "<head>" + script + "</head>") : script + html;
    }

    private static RenderFindings Parse(string dom, string page)
    {
        // The last one: the page's own text could mention the element before the checker appends it at the end of the body.
        var match = CheckElement().Matches(dom).LastOrDefault();
        if (match is null)
            throw new InvalidOperationException($"{page}: the render check never reported (the page did not finish loading within {s_budget.TotalSeconds} s of page time, or a script stopped it).");
        return JsonSerializer.Deserialize<RenderFindings>(WebUtility.HtmlDecode(match.Groups[1].Value), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{page}: the render check reported null.");
    }

    [GeneratedRegex("<head(\\s[^>]*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex Head();

    [GeneratedRegex("<html(\\s[^>]*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex Root();

    [GeneratedRegex("<pre id=\"nk-check\"[^>]*>(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex CheckElement();
}
