using System.Reflection;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Training.Callbacks;
using NotebookKeras.Visualizers;
using NotebookKeras.Visualizers.Charts;
using NotebookKeras.Visualizers.Models;
using NotebookKeras.Visualizers.Tensors;
using NotebookKeras.Visualizers.Training;

namespace NotebookKeras.Interactive;

/// <summary>
/// Loaded by .NET Interactive when a notebook runs <c>#r "nuget: NotebookKeras.Interactive"</c>: imports NotebookKeras's
/// namespaces and DSL into the C# kernel, registers HTML and plain-text formatters for models and tensors, and routes Fit's
/// progress to one display that updates in place.
/// </summary>
public sealed class KerasKernelExtension : IKernelExtension
{
    /// <summary>The usings every NotebookKeras cell starts with: the same namespaces the NotebookKeras kernel imports, and the DSL.</summary>
    internal static string Imports { get; } =
        string.Concat(Dsl.NotebookImports.Namespaces.Select(n => $"using {n};\n")) + "using static NotebookKeras.Dsl.Keras;";

    public async Task OnLoadAsync(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        RegisterFormatters();
        LiveOutput.Install(SubmissionLiveOutput.InCurrentSubmission);
        var csharp = kernel.FindKernelByName("csharp") ?? kernel;
        // Live outputs draw their final state when the submission's code has run, while its events still reach the client:
        // after the context completes (OnComplete) they may be dropped.
        csharp.AddMiddleware(async (command, context, next) =>
        {
            try
            {
                await next(command, context);
            }
            finally
            {
                SubmissionLiveOutput.End(context);
            }
        });
        var result = await csharp.SendAsync(new SubmitCode(Imports));
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
            throw new InvalidOperationException($"NotebookKeras.Interactive could not import the DSL: {failed.Message}");
    }

    /// <summary>The host runs one kernel per process, so its outputs make one page: plotly.js travels with the first chart.</summary>
    internal static HtmlPage Page { get; } = new();

    /// <summary>Models show their Keras summary, tensors their preview, histories their training curves, visuals (charts, images)
    /// and users' Plotly.NET / XPlot charts themselves; in HTML and plain text.</summary>
    internal static void RegisterFormatters()
    {
        Formatter.Register<Visual>((visual, writer) => writer.Write(visual.ToHtml(Page)), HtmlFormatter.MimeType);
        Formatter.Register<Visual>((visual, writer) => writer.Write(visual.ToText()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(Visual), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        Formatter.Register<Model>((model, writer) => writer.Write(ModelView.ToHtml(model)), HtmlFormatter.MimeType);
        Formatter.Register<Model>((model, writer) => writer.Write(model.Summary()), PlainTextFormatter.MimeType);
        Formatter.Register<Tensor>((tensor, writer) => writer.Write(TensorPreview.ToHtml(tensor)), HtmlFormatter.MimeType);
        Formatter.Register<Tensor>((tensor, writer) => writer.Write(TensorPreview.ToText(tensor)), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(Model), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(Tensor), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        // A History of no epoch yet has no curve: its text stands in.
        Formatter.Register<History>((history, writer) => writer.Write(history.Keys.Count == 0
            ? "<pre>" + System.Net.WebUtility.HtmlEncode(history.ToString()) + "</pre>"
            : TrainingCurves.Plot(history).ToHtml(Page)), HtmlFormatter.MimeType);
        Formatter.Register<History>((history, writer) => writer.Write(history.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(History), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        // Users' Plotly.NET / XPlot charts draw with the embedded plotly.js. Their libraries usually load after this extension
        // (a later `#r "nuget:"`), so their types are registered as their assemblies load as well as now.
        if (Interlocked.Exchange(ref s_watchingAssemblies, 1) == 0)
            AppDomain.CurrentDomain.AssemblyLoad += (_, e) => RegisterForeignCharts(e.LoadedAssembly);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies()) RegisterForeignCharts(assembly);
    }

    private static int s_watchingAssemblies;

    private static void RegisterForeignCharts(Assembly assembly)
    {
        foreach (var name in ForeignCharts.TypeNames)
        {
            Type? type;
            try
            {
                type = assembly.GetType(name, throwOnError: false);
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or TypeLoadException or BadImageFormatException)
            {
                // A chart type whose own dependencies do not load here (Plotly.NET 6 needs a newer FSharp.Core than this host
                // has) cannot be created either, so there is nothing to format.
                continue;
            }
            if (type is null) continue;
            Formatter.Register(type, (chart, writer) => writer.Write(ForeignCharts.ToFigure(chart).ToHtml(Page)), HtmlFormatter.MimeType);
            Formatter.Register(type, (chart, writer) => writer.Write(ForeignCharts.ToFigure(chart).ToText()), PlainTextFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(type, HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        }
    }
}
