using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Visualizers.Tests.Support;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace NotebookKeras.Interactive.Tests;

/// <summary>The extension inside a real .NET Interactive C# kernel, in process (as the host loads it from the package).</summary>
public sealed class KerasKernelExtensionTests : IDisposable
{
    private readonly CompositeKernel _kernel;

    public KerasKernelExtensionTests()
    {
        Formatter.ResetToDefault();
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        // The script compiler sees only what is referenced: the library, as `#r "nuget:"` would add it.
        csharp.AddAssemblyReferences([typeof(Model).Assembly.Location, typeof(Dsl.Keras).Assembly.Location]);
        _kernel = new CompositeKernel { csharp };
        _kernel.DefaultKernelName = "csharp";
        new KerasKernelExtension().OnLoadAsync(_kernel).GetAwaiter().GetResult();
    }

    public void Dispose() => _kernel.Dispose();

    [Fact]
    public async Task AModelRendersItsSummaryAsHtmlAndText()
    {
        var result = await _kernel.SendAsync(new SubmitCode("var model = Sequential(Input([8]), Dense(4, activation: \"relu\"), Dense(2)); model"));
        Assert.Null(result.Events.OfType<CommandFailed>().FirstOrDefault()?.Message);
        var value = result.Events.OfType<ReturnValueProduced>().Single();
        var html = value.FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("Total params: 46", html);
        Assert.Contains("Dense", html);
        Assert.Contains(value.FormattedValues, v => v.MimeType == "text/plain" && v.Value.Contains("Total params: 46"));
    }

    [Fact]
    public async Task ATensorRendersItsPreview()
    {
        var result = await _kernel.SendAsync(new SubmitCode("Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 2, 2)"));
        var value = result.Events.OfType<ReturnValueProduced>().Single();
        Assert.Contains(value.FormattedValues, v => v.MimeType == "text/html" && v.Value.Contains("<table"));
        Assert.Contains(value.FormattedValues, v => v.MimeType == "text/plain" && v.Value.Contains("(2, 2)"));
    }

    [Fact]
    public async Task FitShowsOneProgressDisplayUpdatedInPlace()
    {
        // 3 epochs of 64 batches, each at least a millisecond long, so the throttle has something to hold back.
        const string Code = """
            var rng = new Random(3);
            var x = Tensor.FromArray(Enumerable.Range(0, 256 * 4).Select(_ => (float)rng.NextDouble()).ToArray(), 256, 4);
            var y = Tensor.FromArray(Enumerable.Range(0, 256).Select(_ => (float)rng.NextDouble()).ToArray(), 256, 1);
            var net = Sequential(Input([4]), Dense(1));
            net.Compile(optimizer: "sgd", loss: "mse");
            var slow = new LambdaCallback(onTrainBatchEnd: (batch, logs) => System.Threading.Thread.Sleep(1));
            var history = net.Fit(x, y, epochs: 3, batchSize: 4, verbose: 1, callbacks: [slow]);
            """;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await _kernel.SendAsync(new SubmitCode(Code));
        var elapsed = clock.Elapsed;
        Assert.Null(result.Events.OfType<CommandFailed>().FirstOrDefault()?.Message);
        var progress = Assert.Single(result.Events.OfType<DisplayedValueProduced>());
        var updates = result.Events.OfType<DisplayedValueUpdated>().ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal(progress.ValueId, u.ValueId));
        // At most ten updates a second while the submission runs, plus the final render at its end.
        Assert.True(updates.Count <= elapsed.TotalSeconds * 10 + 1, $"{1 + updates.Count} renderings in {elapsed.TotalSeconds:F2}s");

        var text = updates[^1].FormattedValues.Single(v => v.MimeType == PlainTextFormatter.MimeType).Value;
        var html = updates[^1].FormattedValues.Single(v => v.MimeType == HtmlFormatter.MimeType).Value;
        var loss = await _kernel.SendAsync(new SubmitCode("TextProgressRenderer.Value(history[\"loss\"][^1])"));
        var finalLoss = (string)loss.Events.OfType<ReturnValueProduced>().Single().Value;
        Assert.StartsWith("Epoch 1/3\n", text, StringComparison.Ordinal);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(text, @"\nEpoch 3/3\n64/64 ━+ \S+ \S+/step - loss: [0-9.]+$"), text);
        Assert.EndsWith("loss: " + finalLoss, text, StringComparison.Ordinal);
        Assert.Contains("class=\"nk-progress-bar\"", html);
        Assert.Contains("<b>loss</b> " + finalLoss, html);
    }

    [Fact]
    public async Task AnXPlotChartLoadedAfterTheExtensionDrawsOfflineWithItsTextForm()
    {
        // The cell is what first loads XPlot (as `#r "nuget: XPlot.Plotly"` would, after the extension); its FSharp.Core 4.7.2
        // binds to the newer copy the process has.
        var csharp = (CSharpKernel)_kernel.FindKernelByName("csharp")!;
        csharp.AddAssemblyReferences([Path.Combine(AppContext.BaseDirectory, "XPlot.Plotly.dll")]);
        var result = await _kernel.SendAsync(new SubmitCode(
            "XPlot.Plotly.Chart.Plot(new XPlot.Plotly.Scatter { x = new[] { 1, 2, 3 }, y = new[] { 3, 1, 2 }, name = \"cell\" })"));
        Assert.Null(result.Events.OfType<CommandFailed>().FirstOrDefault()?.Message);
        var value = result.Events.OfType<ReturnValueProduced>().Single();
        var html = value.FormattedValues.Single(v => v.MimeType == "text/html").Value;
        ChartHtml.AssertDrawsOffline(html);
        var trace = ChartHtml.Figure(html)["data"]![0]!;
        Assert.Equal("cell", trace["name"]!.GetValue<string>());
        Assert.Equal([3, 1, 2], trace["y"]!.AsArray().Select(v => v!.GetValue<int>()));
        Assert.Contains(value.FormattedValues, v => v.MimeType == "text/plain" && v.Value == "Figure: 1 trace\n  scatter 'cell' (3 points)");
    }

    [Fact]
    public void APlotlyNetChartDrawsWithTheEmbeddedPlotlyRatherThanItsOwnCdnFormatter()
    {
        // Plotly.NET declares its own formatter (require.js and plotly.js from CDNs); the extension's registration takes precedence.
        var html = UserCharts.PlotlyNetLine([0.5, 1.5], [2.5, 3.5], "line").ToDisplayString(HtmlFormatter.MimeType);
        ChartHtml.AssertDrawsOffline(html);
        var trace = ChartHtml.Figure(html)["data"]![0]!;
        Assert.Equal("line", trace["name"]!.GetValue<string>());
        Assert.Equal([2.5, 3.5], trace["y"]!.AsArray().Select(v => v!.GetValue<double>()));
    }
}
