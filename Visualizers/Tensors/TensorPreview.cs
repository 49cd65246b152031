using System.Globalization;
using System.Net;
using System.Text;
using NotebookKeras.Runtime.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace NotebookKeras.Visualizers.Tensors;

/// <summary>
/// A tensor at a glance: shape, dtype, summary statistics and the leading values, as plain text or as an HTML block for a
/// notebook cell. Pure: a tensor in, a string out.
/// </summary>
public static class TensorPreview
{
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

    /// <summary>An HTML block: a header line and, for rank 1 or 2, a table of the leading <paramref name="maxRows"/>×<paramref name="maxColumns"/> values.</summary>
    public static string ToHtml(Tensor tensor, int maxRows = 8, int maxColumns = 8)
    {
        var s = Describe(tensor);
        var html = new StringBuilder();
        html.Append("<div class=\"nk-tensor\"><div><b>Tensor</b> shape ").Append(WebUtility.HtmlEncode(tensor.Shape.ToString()))
            .Append(", dtype ").Append(tensor.DType.KerasName())
            .Append(CultureInfo.InvariantCulture, $" &middot; min {F(s.Min)} &middot; max {F(s.Max)} &middot; mean {F(s.Mean)} &middot; std {F(s.Std)}</div>");
        if (tensor.Rank is 1 or 2 && tensor.Size > 0)
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

    private static string F(float v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
