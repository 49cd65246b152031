using NotebookKeras.Visualizers.Models;

namespace NotebookKeras.Dsl;

public static partial class Keras
{
    /// <summary>
    /// <c>keras.utils.plot_model(model, to_file, show_shapes, ...)</c> drawn in-process (no Graphviz): the model graph, which a
    /// notebook shows inline (its SVG is <see cref="ModelPlot.Svg"/>). When <paramref name="toFile"/> is given, also writes it there
    /// atomically: a <c>.svg</c> file gets the SVG, a <c>.html</c> file a page holding it.
    /// </summary>
    public static ModelPlot PlotModel(Runtime.Models.Model model, string? toFile = null, bool showShapes = false, bool showDtype = false,
        bool showLayerNames = true, string rankdir = "TB", bool expandNested = false, bool showLayerActivations = false, bool showTrainable = false)
    {
        var plot = new ModelPlot(model, showShapes, showDtype, showLayerNames, rankdir, expandNested, showLayerActivations, showTrainable);
        if (toFile is not null) plot.Save(toFile);
        return plot;
    }
}
