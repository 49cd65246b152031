using System.Text;
using NotebookKeras.Runtime.IO;
using NotebookKeras.Visualizers.Models;

namespace NotebookKeras.Dsl;

public static partial class Keras
{
    /// <summary>
    /// <c>keras.utils.plot_model(model, to_file, show_shapes, ...)</c> drawn in-process (no Graphviz): the model graph as SVG.
    /// Returns the SVG and, when <paramref name="toFile"/> is given, also writes it there atomically.
    /// </summary>
    public static string PlotModel(Runtime.Models.Model model, string? toFile = null, bool showShapes = false, bool showDtype = false,
        bool showLayerNames = true, string rankdir = "TB", bool expandNested = false, bool showLayerActivations = false, bool showTrainable = false)
    {
        var svg = ModelGraph.ToSvg(model, showShapes, showDtype, showLayerNames, rankdir, expandNested, showLayerActivations, showTrainable);
        if (toFile is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(svg);
            AtomicFile.Write(toFile, stream => stream.Write(bytes));
        }
        return svg;
    }
}
