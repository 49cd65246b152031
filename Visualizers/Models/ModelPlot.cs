using System.Globalization;
using System.Text;
using NotebookKeras.Runtime.IO;
using NotebookKeras.Runtime.Models;

namespace NotebookKeras.Visualizers.Models;

/// <summary>
/// What <c>PlotModel</c> returns: the model graph (<see cref="ModelGraph"/>) as a visual, so a notebook draws it inline rather
/// than printing its SVG source, and a script can still take the SVG or save it.
/// </summary>
public sealed class ModelPlot : Visual
{
    /// <summary>
    /// Draws <paramref name="model"/> with Keras's <c>plot_model</c> options (see <see cref="ModelGraph.ToSvg"/>).
    /// </summary>
    public ModelPlot(Model model, bool showShapes = false, bool showDtype = false, bool showLayerNames = true, string rankdir = "TB",
        bool expandNested = false, bool showLayerActivations = false, bool showTrainable = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        (Svg, var graph) = ModelGraph.Draw(model, showShapes, showDtype, showLayerNames, rankdir, expandNested, showLayerActivations, showTrainable);
        ModelName = model.Name;
        LayerCount = graph.Layers.Count;
        EdgeCount = graph.Edges.Count;
    }

    /// <summary>The graph as a standalone SVG document.</summary>
    public string Svg { get; }

    /// <summary>The name of the model drawn.</summary>
    public string ModelName { get; }

    /// <summary>Boxes drawn (a shared layer is one box).</summary>
    public int LayerCount { get; }

    /// <summary>Arrows drawn (one per connection).</summary>
    public int EdgeCount { get; }

    /// <summary>The SVG inline: it needs no script.</summary>
    public override string ToHtml(HtmlPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return "<div class=\"nk-model-plot\">" + Svg + "</div>";
    }

    /// <summary>The model's name and the numbers of boxes and arrows.</summary>
    public override string ToText() =>
        string.Create(CultureInfo.InvariantCulture,
            $"Model graph of \"{ModelName}\": {LayerCount} {(LayerCount == 1 ? "layer" : "layers")}, {EdgeCount} {(EdgeCount == 1 ? "connection" : "connections")}");

    /// <summary>Writes the graph atomically: <c>.svg</c> as the SVG, <c>.html</c>/<c>.htm</c> as a page holding it.</summary>
    public override void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".svg":
                var bytes = new UTF8Encoding(false).GetBytes(Svg);
                AtomicFile.Write(path, stream => stream.Write(bytes));
                break;
            case ".html" or ".htm":
                base.Save(path);
                break;
            default:
                throw new ArgumentException(
                    $"PlotModel: the model graph is written as .svg or .html, but the file \"{path}\" ends in \"{extension}\"; use a .svg or .html file name.",
                    nameof(path));
        }
    }
}
