using NotebookKeras.Cli.Tests.Support;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Cli.Tests.Browser;

/// <summary>
/// Headless Chromium with no network: every host name resolves to nothing and every request goes to a closed port, so a page
/// that fetches anything shows it failing. One launch renders a page, dumps its DOM (after the page's timers ran in virtual time) and optionally
/// screenshots it.
/// </summary>
internal static class Chromium
{
    /// <summary>The environment variable naming a Chrome or Chromium binary, which overrides the search of the PATH.</summary>
    public const string Variable = "NKERAS_CHROMIUM";

    private static readonly string[] s_names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
    private static readonly Lazy<string> s_path = new(() => Find(Environment.GetEnvironmentVariable(Variable), Environment.GetEnvironmentVariable("PATH")));

    /// <summary>The browser's path; throws, saying what to install, when there is none (the browser tests fail rather than skip).</summary>
    public static string Path => s_path.Value;

    /// <summary>
    /// Opens <paramref name="page"/>, lets <paramref name="virtualTime"/> of page time pass (timers fire without waiting in real
    /// time), and returns the DOM as it then is. With <paramref name="screenshot"/>, also writes a PNG of the top
    /// <paramref name="height"/> pixels of the page at 1200 pixels wide.
    /// </summary>
    public static string DumpDom(string page, TimeSpan virtualTime, string? screenshot = null, int height = 1000)
    {
        using var profile = new TemporaryFolder("chromium");
        List<string> arguments =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
            "--hide-scrollbars", $"--user-data-dir={profile.Path}",
            // No network, not even this machine's: names resolve to nothing, and every request, loopback included, goes through a
            // proxy that is a closed port.
            "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
            $"--virtual-time-budget={(int)virtualTime.TotalMilliseconds}", $"--window-size=1200,{height}", "--dump-dom",
        ];
        if (screenshot is not null) arguments.Add($"--screenshot={screenshot}");
        arguments.Add(new Uri(System.IO.Path.GetFullPath(page)).AbsoluteUri);
        var result = ProcessRunner.Run(Path, arguments, profile.Path, timeout: TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0 || result.Stdout.Length == 0) throw new InvalidOperationException(result.Describe($"{Path} (headless) on {page}"));
        if (screenshot is not null && !File.Exists(screenshot)) throw new InvalidOperationException(result.Describe($"{Path} wrote no screenshot {screenshot}"));
        return result.Stdout;
    }

    /// <summary>The browser <paramref name="configured"/> names (the variable's value), else the first of the usual names on
    /// <paramref name="searchPath"/> (a PATH value).</summary>
    internal static string Find(string? configured, string? searchPath)
    {
        if (configured is { Length: > 0 })
        {
            return File.Exists(configured) ? configured
                : throw new InvalidOperationException($"{Variable} names '{configured}', which does not exist; point it to a Chrome or Chromium binary.");
        }
        var folders = (searchPath ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in s_names)
        {
            foreach (var folder in folders)
            {
                var candidate = System.IO.Path.Combine(folder, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new InvalidOperationException(
            $"The browser tests need headless Chromium, and none of {string.Join(", ", s_names)} is on the PATH: install the Debian package " +
            $"'chromium' (apt-get install chromium; .ci/run installs it), or set {Variable} to a Chrome or Chromium binary.");
    }
}
