using System.Globalization;
using System.Security;
using System.Text;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Visualizers.Models;

/// <summary>
/// Keras's <c>plot_model</c> without Graphviz: the model's layer graph as a standalone SVG, laid out in-process. One box per
/// layer (a shared layer appears once), one arrow per connection, inputs at the top (TB) or left (LR).
/// </summary>
public static class ModelGraph
{
    /// <summary>
    /// Renders <paramref name="model"/> as SVG. The flags are Keras's <c>plot_model</c> arguments: shapes ("input: … | output: …"),
    /// dtype, layer names (else only the class), <paramref name="rankdir"/> "TB" or "LR", nested models drawn layer by layer,
    /// activations and trainable flags.
    /// </summary>
    public static string ToSvg(Model model, bool showShapes = false, bool showDtype = false, bool showLayerNames = true, string rankdir = "TB",
        bool expandNested = false, bool showLayerActivations = false, bool showTrainable = false) =>
        Draw(model, showShapes, showDtype, showLayerNames, rankdir, expandNested, showLayerActivations, showTrainable).Svg;

    /// <summary>The SVG of <see cref="ToSvg"/> with the graph it draws (its boxes and edges), for callers that report what was drawn.</summary>
    internal static (string Svg, ModelGraphData Graph) Draw(Model model, bool showShapes, bool showDtype, bool showLayerNames, string rankdir,
        bool expandNested, bool showLayerActivations, bool showTrainable)
    {
        ArgumentNullException.ThrowIfNull(model);
        var horizontal = rankdir switch
        {
            "TB" => false,
            "LR" => true,
            _ => throw new ArgumentException($"PlotModel: rankdir must be \"TB\" or \"LR\", but it was \"{rankdir}\".", nameof(rankdir)),
        };
        var options = new LabelOptions(showShapes, showDtype, showLayerNames, showLayerActivations, showTrainable);
        var graph = ModelGraphBuilder.Build(model, expandNested);
        var labels = graph.Layers.Select(layer => Label(layer, options)).ToArray();
        var layout = ModelGraphLayout.Compute(labels, graph.Edges, horizontal);
        return (ModelGraphSvg.Render(model.Name, graph, labels, layout, horizontal), graph);
    }

    private readonly record struct LabelOptions(bool Shapes, bool Dtype, bool Names, bool Activations, bool Trainable);

    private static string[] Label(Layer layer, LabelOptions options)
    {
        var lines = new List<string> { options.Names ? $"{layer.Name} ({layer.ClassName})" : layer.ClassName };
        if (options.Shapes) lines.Add($"input: {InputShapeText(layer)} | output: {ModelSummary.OutputShapeText(layer)}");
        if (options.Dtype) lines.Add($"dtype: {layer.DType.KerasName()}");
        if (options.Activations && ActivationName(layer) is { } activation) lines.Add($"activation: {activation}");
        if (options.Trainable) lines.Add(layer.Trainable ? "trainable: yes" : "trainable: no");
        return [.. lines];
    }

    private static string InputShapeText(Layer layer)
    {
        if (layer.InboundNodes.Count > 0)
        {
            var inputs = layer.InboundNodes[^1].Inputs;
            // An InputLayer's node has no inputs; Keras shows its own shape on both sides.
            return inputs.Count == 0 ? ModelSummary.OutputShapeText(layer) : ShapesText([.. inputs.Select(k => k.Shape)]);
        }
        return layer.BuildInputShapes is { } shapes ? ShapesText(shapes) : "?";
    }

    private static string ShapesText(IReadOnlyList<Shape> shapes) => shapes.Count == 1 ? shapes[0].ToString() : "[" + string.Join(", ", shapes) + "]";

    // The config is the one place every layer with an activation names it, so no per-class knowledge is needed here. A layer
    // whose config cannot be written (a Lambda over an unnamed function) has no activation to show, which is no reason to fail.
    private static string? ActivationName(Layer layer)
    {
        try
        {
            return layer.GetConfig()["activation"] is { } node && node.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? node.GetValue<string>()
                : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    internal static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    internal static StringBuilder AppendEscaped(this StringBuilder text, string value) => text.Append(SecurityElement.Escape(value));
}
