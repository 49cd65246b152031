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
        var sequentialLike = !ShowsConnections(model);

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
        foreach (var row in Rows(model, expandNested))
        {
            var prefix = row.Depth == 0 ? "" : new string(' ', 3 * row.Depth) + "└ ";
            var cells = new List<string> { $"{prefix}{row.Name} ({row.ClassName})", row.OutputShape, row.Parameters };
            if (!sequentialLike) cells.Add(row.ConnectedTo);
            if (showTrainable) cells.Add(row.Trainable switch { null => "-", true => "Y", false => "N" });
            rows.Add([.. cells]);
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Model: \"{model.Name}\"").Append('\n');
        RichTable.Render(text, header, rightAligned, ColumnWidths(positions, length), length, rows, centerLast: showTrainable);
        var totals = Totals(model);
        text.Append(CultureInfo.InvariantCulture, $" Total params: {totals.Total:N0} ({ReadableSize(totals.TotalBytes)})\n");
        text.Append(CultureInfo.InvariantCulture, $" Trainable params: {totals.Trainable:N0} ({ReadableSize(totals.TrainableBytes)})\n");
        text.Append(CultureInfo.InvariantCulture, $" Non-trainable params: {totals.NonTrainable:N0} ({ReadableSize(totals.NonTrainableBytes)})\n");
        return text.ToString();
    }

    /// <summary>One row of the summary table, as data. <see cref="Depth"/> is 0 for the model's own layers and grows by one
    /// per nested model; <see cref="Trainable"/> is null for a layer without weights.</summary>
    public sealed record Row(int Depth, string Name, string ClassName, string OutputShape, string Parameters, string ConnectedTo, bool? Trainable, bool IsModel);

    /// <summary>The parameter counts and their sizes in bytes (float32), as the summary's footer prints them.</summary>
    public sealed record ParameterTotals(long Trainable, long NonTrainable, double TrainableBytes, double NonTrainableBytes)
    {
        public long Total => Trainable + NonTrainable;
        public double TotalBytes => TrainableBytes + NonTrainableBytes;
    }

    /// <summary>The table rows in display order; with <paramref name="expandNested"/> each nested model's layers follow its row.</summary>
    public static IReadOnlyList<Row> Rows(Model model, bool expandNested = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model as Functional ?? (model as Sequential)?.Graph;
        var rows = new List<Row>();
        foreach (var layer in model.Layers) AddRows(rows, layer, 0, graph, expandNested);
        return rows;
    }

    /// <summary>Whether the table has Keras's "Connected to" column (functional models that are not a single chain).</summary>
    public static bool ShowsConnections(Model model) => model is Functional f && !IsChain(f);

    /// <summary>Total, trainable and non-trainable parameter counts with their sizes.</summary>
    public static ParameterTotals Totals(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var trainable = model.TrainableWeights;
        var nonTrainable = model.NonTrainableWeights;
        return new ParameterTotals(
            trainable.Sum(v => (long)v.Shape.Size), nonTrainable.Sum(v => (long)v.Shape.Size),
            trainable.Sum(v => (double)v.Shape.Size * 4), nonTrainable.Sum(v => (double)v.Shape.Size * 4));
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

    private static void AddRows(List<Row> rows, Layer layer, int level, Functional? graph, bool expandNested)
    {
        var parameters = !layer.Built && layer.Weights.Count == 0 ? "0 (unbuilt)" : layer.Weights.Sum(v => v.Shape.Size).ToString("N0", CultureInfo.InvariantCulture);
        bool? trainable = layer.Weights.Count == 0 ? null : layer.Trainable;
        rows.Add(new Row(level, layer.Name, layer.ClassName, OutputShapeText(layer), parameters, Connections(layer, graph), trainable, layer is Model));
        if (expandNested && layer is Model nested)
        {
            foreach (var inner in nested.Layers) AddRows(rows, inner, level + 1, graph, expandNested);
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
