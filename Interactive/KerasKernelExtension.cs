using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;
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
        var result = await csharp.SendAsync(new SubmitCode(Imports));
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
            throw new InvalidOperationException($"NotebookKeras.Interactive could not import the DSL: {failed.Message}");
    }

    /// <summary>The host runs one kernel per process, so its outputs make one page: plotly.js travels with the first chart.</summary>
    internal static HtmlPage Page { get; } = new();

    /// <summary>Models show their Keras summary, tensors their preview, histories their training curves, visuals (charts, images) themselves; in HTML and plain text.</summary>
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
    }
}
