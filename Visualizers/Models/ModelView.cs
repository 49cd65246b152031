using NotebookKeras.Runtime.Models;

namespace NotebookKeras.Visualizers.Models;

/// <summary>
/// What a notebook shows for a model: its summary table, then its graph with shapes (as <c>plot_model(show_shapes=True)</c>)
/// in a collapsible section. Both notebook hosts display models through this one view.
/// </summary>
public static class ModelView
{
    public static string ToHtml(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        // A model not yet built has no layers to draw; its summary says so.
        if (model.Layers.Count == 0) return ModelSummaryHtml.ToHtml(model);
        return ModelSummaryHtml.ToHtml(model) +
            "<details class=\"nk-graph\"><summary>Graph</summary>" + ModelGraph.ToSvg(model, showShapes: true) + "</details>";
    }
}
