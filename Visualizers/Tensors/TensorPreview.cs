using System.Globalization;
using System.Net;
using System.Text;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Visualizers.Images;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace NotebookKeras.Visualizers.Tensors;

/// <summary>
/// A tensor at a glance: shape, dtype, summary statistics and the leading values, as plain text or as an HTML block for a
/// notebook cell; image-like tensors are shown as images. Pure: a tensor in, a string out.
/// </summary>
public static class TensorPreview
{
    // Image-like tensors have both image sides in this range (smaller ones read better as numbers), and batches show a few.
    private const int MinImageSide = 16;
    private const int MaxImageSide = 2048;
    private const int MaxImages = 8;

    /// <summary>Summary statistics of a tensor's values (NaN when empty).</summary>
    public sealed record Statistics(int Count, float Min, float Max, float Mean, float Std);

    /// <summary>Min, max, mean and population standard deviation.</summary>
    public static Statistics Describe(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var values = tensor.DType == DType.Float32 ? tensor.AsSpan() : tensor.ToArray();
        if (values.Length == 0) return new Statistics(0, float.NaN, float.NaN, float.NaN, float.NaN);
        var mean = TensorPrimitives.Sum(values) / values.Length;
        double sq = 0;
        foreach (var v in values) sq += (v - mean) * (double)(v - mean);
        return new Statistics(values.Length, TensorPrimitives.Min(values), TensorPrimitives.Max(values), mean, (float)Math.Sqrt(sq / values.Length));
    }

    /// <summary>One line of header and statistics, then the tensor's own repr.</summary>
    public static string ToText(Tensor tensor)
    {
        var s = Describe(tensor);
        return $"Tensor shape={tensor.Shape} dtype={tensor.DType.KerasName()} min={F(s.Min)} max={F(s.Max)} mean={F(s.Mean)} std={F(s.Std)}";
    }

    /// <summary>
    /// An HTML block: a header line, then the tensor as an image when it looks like one ((height, width), (height, width, 1|3|4))
    /// or as its first few images when it looks like a batch of them ((n, height, width), (n, height, width, 1|3|4)), else, for
    /// rank 1 or 2, a table of the leading <paramref name="maxRows"/>×<paramref name="maxColumns"/> values.
    /// </summary>
    public static string ToHtml(Tensor tensor, int maxRows = 8, int maxColumns = 8)
    {
        var s = Describe(tensor);
        var html = new StringBuilder();
        html.Append("<div class=\"nk-tensor\"><div><b>Tensor</b> shape ").Append(WebUtility.HtmlEncode(tensor.Shape.ToString()))
            .Append(", dtype ").Append(tensor.DType.KerasName())
            .Append(CultureInfo.InvariantCulture, $" &middot; min {F(s.Min)} &middot; max {F(s.Max)} &middot; mean {F(s.Mean)} &middot; std {F(s.Std)}</div>");
        if (ImagesOf(tensor) is { } images)
        {
            html.Append(images.ToHtml());
        }
        else if (tensor.Rank is 1 or 2 && tensor.Size > 0)
        {
            var rows = tensor.Rank == 1 ? 1 : tensor.Shape[0];
            var cols = tensor.Shape[-1];
            var values = tensor.ToArray();
            html.Append("<table style=\"font-family:monospace;border-collapse:collapse\">");
            for (var r = 0; r < Math.Min(rows, maxRows); r++)
            {
                html.Append("<tr>");
                for (var c = 0; c < Math.Min(cols, maxColumns); c++)
                    html.Append("<td style=\"padding:0 6px;text-align:right\">").Append(F(values[r * cols + c])).Append("</td>");
                if (cols > maxColumns) html.Append("<td>&hellip;</td>");
                html.Append("</tr>");
            }
            if (rows > maxRows) html.Append("<tr><td>&vellip;</td></tr>");
            html.Append("</table>");
        }
        return html.Append("</div>").ToString();
    }

    // The tensor as a grid of images, or null when it does not look like an image or a batch of them.
    private static ImageGrid? ImagesOf(Tensor tensor)
    {
        var shape = tensor.Shape;
        static bool Side(int d) => d is >= MinImageSide and <= MaxImageSide;
        var single = shape.Rank switch
        {
            2 => Side(shape[0]) && Side(shape[1]),
            3 => Side(shape[0]) && Side(shape[1]) && shape[2] is 1 or 3 or 4,
            _ => false,
        };
        if (single)
        {
            var image = Raster.FromValues(tensor.ToArray(), shape[0], shape[1], shape.Rank == 3 ? shape[2] : 1, ColorMap.Gray);
            return new ImageGrid("", [new ImageTile(image, "")], 1, "");
        }
        if (shape.Rank is 3 or 4 && shape[0] > 0 && Side(shape[1]) && Side(shape[2]) && Raster.IsBatch(shape))
        {
            var tiles = Raster.FromBatch(tensor, MaxImages, ColorMap.Gray, nameof(tensor))
                .Select((image, i) => new ImageTile(image, "[" + i.ToString(CultureInfo.InvariantCulture) + "]")).ToList();
            return new ImageGrid("", tiles, MaxImages, "");
        }
        return null;
    }

    private static string F(float v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
