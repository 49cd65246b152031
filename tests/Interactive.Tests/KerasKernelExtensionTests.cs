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
        const string Code = """
            var rng = new Random(3);
            var x = Tensor.FromArray(Enumerable.Range(0, 256 * 4).Select(_ => (float)rng.NextDouble()).ToArray(), 256, 4);
            var y = Tensor.FromArray(Enumerable.Range(0, 256).Select(_ => (float)rng.NextDouble()).ToArray(), 256, 1);
            var net = Sequential(Input([4]), Dense(1));
            net.Compile(optimizer: "sgd", loss: "mse");
            net.Fit(x, y, epochs: 1, batchSize: 8, verbose: 1);
            """;
        var result = await _kernel.SendAsync(new SubmitCode(Code));
        Assert.Null(result.Events.OfType<CommandFailed>().FirstOrDefault()?.Message);
        var displays = result.Events.OfType<DisplayedValueProduced>().ToList();
        var updates = result.Events.OfType<DisplayedValueUpdated>().ToList();
        // One progress display (Keras prints no "Epoch 1/1" for a single epoch) that every update rewrites.
        var progress = Assert.Single(displays);
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal(progress.ValueId, u.ValueId));
        Assert.Contains("32/32", updates[^1].FormattedValues.Single().Value);
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
