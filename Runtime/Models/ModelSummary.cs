using System.Globalization;
using System.Text;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Models;

/// <summary>
/// Keras 3's <c>model.summary()</c> as text: the title, a table "Layer (type) | Output Shape | Param #" (plus "Connected to"
/// for non-sequential functional models) drawn as Keras's rich table draws it, then the parameter totals with their sizes.
/// Shapes come from the recorded graph or static inference; nothing is run.
/// </summary>
public static class ModelSummary
{
    /// <summary>
    /// Renders the summary. <paramref name="lineLength"/> defaults to 76, the width Keras uses when it does not print to a terminal.
    /// </summary>
    public static string Render(Model model, int? lineLength = null, bool expandNested = false, bool showTrainable = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        var functional = model as Functional ?? (model as Sequential)?.Graph;
        var sequentialLike = model is not Functional f || IsChain(f);
        IReadOnlyList<Layer> layers = model.Layers;

        var header = sequentialLike
            ? new List<string> { "Layer (type)", "Output Shape", "Param #" }
            : ["Layer (type)", "Output Shape", "Param #", "Connected to"];
        var rightAligned = sequentialLike ? new List<bool> { false, false, true } : [false, false, true, false];
        var positions = sequentialLike ? new List<double> { 0.45, 0.80, 1.0 } : [0.3, 0.56, 0.74, 1.0];
        var length = lineLength ?? Math.Min(sequentialLike ? 88 : 108, 76);
        if (showTrainable)
        {
            length += lineLength is null ? 12 : 0;
            positions = [.. positions.Select(p => p * 0.90), 1.0];
            header.Add("Trainable");
            rightAligned.Add(false);
        }

        var rows = new List<string[]>();
        foreach (var layer in layers) AddRows(rows, layer, 0, functional, sequentialLike, expandNested, showTrainable);

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Model: \"{model.Name}\"").Append('\n');
        RichTable.Render(text, header, rightAligned, ColumnWidths(positions, length), length, rows, centerLast: showTrainable);
        var trainable = model.TrainableWeights;
        var nonTrainable = model.NonTrainableWeights;
        long trainableCount = trainable.Sum(v => (long)v.Shape.Size), nonTrainableCount = nonTrainable.Sum(v => (long)v.Shape.Size);
        var trainableBytes = trainable.Sum(v => (double)v.Shape.Size * 4);
        var nonTrainableBytes = nonTrainable.Sum(v => (double)v.Shape.Size * 4);
        text.Append(CultureInfo.InvariantCulture, $" Total params: {trainableCount + nonTrainableCount:N0} ({ReadableSize(trainableBytes + nonTrainableBytes)})\n");
        text.Append(CultureInfo.InvariantCulture, $" Trainable params: {trainableCount:N0} ({ReadableSize(trainableBytes)})\n");
        text.Append(CultureInfo.InvariantCulture, $" Non-trainable params: {nonTrainableCount:N0} ({ReadableSize(nonTrainableBytes)})\n");
        return text.ToString();
    }

    /// <summary>Keras's readable_memory_size: "198.79 KB", "0.00 B".</summary>
    public static string ReadableSize(double bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB", "PB"];
        foreach (var unit in units)
        {
            if (bytes / 1024 < 1) return string.Create(CultureInfo.InvariantCulture, $"{bytes:F2} {unit}");
            bytes /= 1024;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{bytes:F2} PB");
    }

    /// <summary>The output shape column: from the layer's last recorded node, else from its build shapes, else "?".</summary>
    internal static string OutputShapeText(Layer layer)
    {
        IReadOnlyList<Shape>? shapes = null;
        if (layer.InboundNodes.Count > 0) shapes = layer.InboundNodes[^1].Outputs.Select(k => k.Shape).ToArray();
        else if (layer.BuildInputShapes is { } built)
        {
            try { shapes = layer.ComputeOutputShape(built); }
            catch (Exception e) when (e is NotImplementedException or InvalidOperationException) { return "?"; }
        }
        if (shapes is null) return "?";
        return shapes.Count == 1 ? shapes[0].ToString() : "[" + string.Join(", ", shapes) + "]";
    }

    private static void AddRows(List<string[]> rows, Layer layer, int level, Functional? graph, bool sequentialLike, bool expandNested, bool showTrainable)
    {
        var prefix = level == 0 ? "" : new string(' ', 3 * level) + "└ ";
        var parameters = !layer.Built && layer.Weights.Count == 0 ? "0 (unbuilt)" : layer.Weights.Sum(v => v.Shape.Size).ToString("N0", CultureInfo.InvariantCulture);
        var row = new List<string> { $"{prefix}{layer.Name} ({layer.ClassName})", OutputShapeText(layer), parameters };
        if (!sequentialLike) row.Add(Connections(layer, graph));
        if (showTrainable) row.Add(layer.Weights.Count == 0 ? "-" : layer.Trainable ? "Y" : "N");
        rows.Add([.. row]);
        if (expandNested && layer is Model nested)
        {
            foreach (var inner in nested.Layers) AddRows(rows, inner, level + 1, graph, sequentialLike, expandNested, showTrainable);
        }
    }

    private static string Connections(Layer layer, Functional? graph)
    {
        var parts = new List<string>();
        foreach (var node in layer.InboundNodes)
        {
            if (graph is not null && !graph.Nodes.Contains(node)) continue;
            parts.AddRange(node.Inputs.Select(k => $"{k.Layer.Name}[{k.Node.IndexInLayer}][{k.Index}]"));
        }
        return parts.Count == 0 ? "-" : string.Join(", ", parts);
    }

    // A functional model prints like a Sequential one when it is a single chain without shared layers.
    private static bool IsChain(Functional model)
    {
        if (model.Inputs.Count != 1 || model.Outputs.Count != 1) return false;
        var previous = model.Inputs[0];
        foreach (var node in model.Nodes)
        {
            if (node.Inputs.Count != 1 || !ReferenceEquals(node.Inputs[0], previous) || node.Outputs.Count != 1) return false;
            previous = node.Outputs[0];
        }
        return model.Nodes.Select(n => n.Layer).Distinct().Count() == model.Nodes.Count;
    }

    // Keras: each column gets int(position * line_length) - previous.
    private static int[] ColumnWidths(IReadOnlyList<double> positions, int lineLength)
    {
        var widths = new int[positions.Count];
        var current = 0;
        for (var i = 0; i < positions.Count; i++)
        {
            var width = (int)(positions[i] * lineLength) - current;
            if (width < 4) throw new ArgumentException($"Summary: line length {lineLength} is too narrow to print the summary.");
            widths[i] = width;
            current += width;
        }
        return widths;
    }
}
