using System.Net;
using System.Net.Sockets;
using System.Text;
using NotebookKeras.Cli.Tests.Support;
using NotebookKeras.Visualizers;
using NotebookKeras.Visualizers.Charts;
using NotebookKeras.Visualizers.Models;

namespace NotebookKeras.Cli.Tests.Browser;

/// <summary>
/// The browser check itself, on pages built here from known figures, models and images: a page that draws passes with the
/// counts its content implies, and each kind of broken output is reported.
/// </summary>
public sealed class RenderCheckTests
{
    [Fact]
    public void APageThatDrawsPassesWithEveryTraceBoxAndEdge()
    {
        using var work = new TemporaryFolder("render-good");
        var page = new HtmlPage();
        // Four trace types on one figure, then a second figure that relies on the first one's plotly.js.
        var mixed = new Figure("four kinds").Grid(2, 2)
            .Add(Traces.Scatter("line", [0f, 1f, 2f, 3f], [1f, 3f, 2f, 4f]))
            .Add(Traces.Heatmap("grid", [1f, 2f, 3f, 4f, 5f, 6f], 2, 3).OnSubplot(2))
            // plotly.js's own histogram (users' charts have them; ours are binned into bars before they reach the page).
            .Add(new System.Text.Json.Nodes.JsonObject { ["type"] = "histogram", ["name"] = "spread", ["x"] = Traces.Numbers([1f, 1f, 2f, 3f, 3f, 3f, 4f]) }.OnSubplot(3))
            .Add(Traces.Bar("counts", ["a", "b", "c"], [3f, 1f, 2f]).OnSubplot(4));
        var second = new Figure("markers only").Add(Traces.Scatter("dots", [2f, 1f, 3f], "markers"));
        var chain = KnownModels.Chain(layers: 4);
        var (twoInputs, twoInputBoxes, twoInputEdges) = KnownModels.TwoInputs();
        var html = Document(
            mixed.ToHtml(page),
            second.ToHtml(page),
            ModelGraph.ToSvg(chain),
            ModelView.ToHtml(twoInputs),
            Image(Bitmap(8, 6, (x, y) => ((byte)(x * 30), (byte)(y * 40), 128)), "gradient"));

        var findings = RenderCheck.Run(Save(work, "good.html", html));

        Assert.True(!findings.Problems().Any(), findings.Describe("good.html"));
        Assert.Equal(2, findings.Figures.Count);
        Assert.Equal(["scatter", "heatmap", "histogram", "bar"], findings.Figures[0].Traces.Select(t => t.Type));
        Assert.All(findings.Figures.SelectMany(f => f.Traces), t => Assert.True(t.Marks > 0, $"{t.Type} '{t.Name}' drew nothing"));
        Assert.Equal(3, findings.Figures[0].Traces.Single(t => t.Type == "bar").Marks);
        Assert.Equal(3, findings.Figures[1].Traces.Single().Marks);

        Assert.Equal(2, findings.Graphs.Count);
        Assert.Equal(chain.Layers.Select(l => l.Name), findings.Graphs[0].Layers);
        Assert.Equal(chain.Layers.Count - 1, findings.Graphs[0].Edges.Count);
        Assert.Equal(twoInputBoxes, findings.Graphs[1].Layers.Order());
        Assert.Equal(twoInputEdges, findings.Graphs[1].Edges.Select(e => (e[0], e[1])).Order());

        Assert.Equal((8, 6), (findings.Images.Single().Width, findings.Images.Single().Height));
    }

    [Fact]
    public void AChartWithoutPlotlyShowsTheFallbackAndIsReported()
    {
        using var work = new TemporaryFolder("render-orphan");
        var page = new HtmlPage();
        // The output that carried plotly.js is gone (cleared), so this chart, alone on its page, has none.
        _ = new Figure().Add(Traces.Scatter("gone", [1f], [1f])).ToHtml(page);
        var orphan = new Figure("orphan").Add(Traces.Scatter("never drawn", [1f, 2f], [2f, 1f]));

        var findings = RenderCheck.Run(Save(work, "orphan.html", Document(orphan.ToHtml(page))));

        var problems = findings.Problems().ToList();
        Assert.Equal(1, findings.Fallbacks);
        Assert.True(problems.Count == 2, findings.Describe("orphan.html"));
        Assert.StartsWith($"figure #{findings.Figures.Single().Id}: plotly.js never drew it: \"This chart needs plotly.js, which", problems[0], StringComparison.Ordinal);
        Assert.Equal("1 chart(s) show the \"needs plotly.js\" fallback instead of a plot", problems[1]);
    }

    [Fact]
    public async Task EachKindOfBrokenOutputIsReported()
    {
        using var work = new TemporaryFolder("render-broken");
        // A live server on this machine, which the offline browser must not reach either: it counts connections and closes them
        // at once, so a browser that did get through fails fast instead of waiting for an answer.
        var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        var connections = 0;
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var client = await server.AcceptTcpClientAsync();
                    Interlocked.Increment(ref connections);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        });
        var empty = new Figure("no data").Add(Traces.Scatter("all gaps", [1f, 2f], [float.NaN, float.NaN]));
        var html = Document(
            empty.ToHtml(new HtmlPage()),
            """
            <svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><title>hand-made</title>
            <g class="layer" data-name="dense"><rect x="10" y="10" width="80" height="20"/><text x="20" y="25">dense (Dense)</text></g>
            <g class="layer" data-name="flat"><rect x="10" y="50" width="0" height="0"/><text x="20" y="65">flat (Flatten)</text></g>
            <path class="edge" data-from="dense" data-to="ghost" d="M 50 30 L 50 50"/></svg>
            """,
            Image(Bitmap(4, 4, (_, _) => (200, 10, 10)), "blank"),
            "<img class=\"nk-image\" alt=\"corrupt\" src=\"data:image/png;base64,AAAA\">",
            // A page that needs the network: the host never resolves, so the script fails to load.
            "<script src=\"https://nk-offline-check.invalid/plotly.min.js\"></script>",
            $"<script src=\"http://localhost:{port}/local.js\"></script><script src=\"http://127.0.0.1:{port}/local.js\"></script>",
            "<script>notDefinedAnywhere();</script>");

        var findings = RenderCheck.Run(Save(work, "broken.html", html));
        var problems = findings.Problems().ToList();
        server.Stop();
        await accepting;
        Assert.True(connections == 0, $"the browser connected {connections} time(s) to a server on this machine (port {port})");

        Assert.Contains(problems, p => p.EndsWith("\"no data\": trace 0 (scatter \"all gaps\") drew no data points", StringComparison.Ordinal));
        Assert.Contains("model graph \"hand-made\": layer box \"flat\" has no size", problems);
        Assert.Contains("model graph \"hand-made\": edge dense -> ghost does not join two drawn boxes", problems);
        Assert.Contains(problems, p => p.StartsWith("image 0 (alt \"blank\", 4x4): it is blank", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("image 1 (alt \"corrupt\"", StringComparison.Ordinal) && p.EndsWith("it did not load", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("failed to load <img>", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("failed to load <script> https://nk-offline-check.invalid/", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("network request (the page must open offline): https://nk-offline-check.invalid/", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("script error: ", StringComparison.Ordinal) && p.Contains("notDefinedAnywhere", StringComparison.Ordinal));
        foreach (var host in new[] { "localhost", "127.0.0.1" })
        {
            Assert.Contains($"failed to load <script> http://{host}:{port}/local.js", problems);
            Assert.Contains($"network request (the page must open offline): http://{host}:{port}/local.js", problems);
        }
        Assert.True(problems.Count == 13, findings.Describe("broken.html"));
    }

    [Fact]
    public void TheCheckerGoesFirstInTheHead()
    {
        var injected = RenderCheck.Inject("<!DOCTYPE html><html><head><title>t</title></head><body><script>x()</script></body></html>");
        Assert.StartsWith("<!DOCTYPE html><html><head><script>", injected, StringComparison.Ordinal);
        Assert.True(injected.IndexOf("nk-check", StringComparison.Ordinal) < injected.IndexOf("x()", StringComparison.Ordinal));
        Assert.StartsWith("<html lang=\"en\"><head><script>", RenderCheck.Inject("<html lang=\"en\"><body></body></html>"), StringComparison.Ordinal);
    }

    private static string Document(params string[] outputs) =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>render check</title>\n</head>\n<body>\n" +
        string.Concat(outputs.Select(o => "<div class=\"output\">" + o + "</div>\n")) + "</body>\n</html>\n";

    private static string Save(TemporaryFolder work, string name, string html)
    {
        var path = Path.Combine(work.Path, name);
        File.WriteAllText(path, html, new UTF8Encoding(false));
        return path;
    }

    private static string Image(byte[] bitmap, string alt) =>
        $"<img class=\"nk-image\" alt=\"{alt}\" src=\"data:image/bmp;base64,{Convert.ToBase64String(bitmap)}\">";

    // A 24-bit BMP: the simplest image format a browser decodes, written in a few lines (no image library in the tests).
    private static byte[] Bitmap(int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        var stride = (width * 3 + 3) & ~3;
        var bytes = new byte[54 + stride * height];
        void Int(int offset, int value) => BitConverter.TryWriteBytes(bytes.AsSpan(offset, 4), value);
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        Int(2, bytes.Length);
        Int(10, 54);
        Int(14, 40);
        Int(18, width);
        Int(22, -height); // negative: rows top-down
        bytes[26] = 1;
        bytes[28] = 24;
        Int(34, stride * height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = pixel(x, y);
                var at = 54 + y * stride + x * 3;
                (bytes[at], bytes[at + 1], bytes[at + 2]) = (b, g, r);
            }
        }
        return bytes;
    }
}
