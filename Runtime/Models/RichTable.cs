using System.Text;

namespace NotebookKeras.Runtime.Models;

/// <summary>
/// Draws a table the way the Python library rich draws Keras's summary (box style HEAVY_HEAD, a line between rows, one space of
/// padding), including rich's arithmetic for fitting fixed-width columns into the table width, so the text matches Keras's.
/// </summary>
internal static class RichTable
{
    public static void Render(StringBuilder text, IReadOnlyList<string> header, IReadOnlyList<bool> rightAligned, int[] columnWidths, int tableWidth, IReadOnlyList<string[]> rows, bool centerLast)
    {
        // rich measures a fixed-width column as width + padding, then shrinks all columns evenly (ratio_reduce) to fit.
        var widths = columnWidths.Select(w => w + 2).ToArray();
        var available = tableWidth - (widths.Length + 1);
        var excess = widths.Sum() - available;
        if (excess > 0) widths = RatioReduce(excess, widths);

        Line(text, '┏', '━', '┳', '┓', widths);
        Cells(text, '┃', header, widths, rightAligned, centerLast);
        Line(text, '┡', '━', '╇', '┩', widths);
        for (var r = 0; r < rows.Count; r++)
        {
            Cells(text, '│', rows[r], widths, rightAligned, centerLast);
            if (r < rows.Count - 1) Line(text, '├', '─', '┼', '┤', widths);
        }
        Line(text, '└', '─', '┴', '┘', widths);
    }

    // rich's ratio_reduce with equal ratios; Python's round() rounds half to even, as Math.Round does by default.
    private static int[] RatioReduce(int total, int[] values)
    {
        var result = new int[values.Length];
        var remaining = total;
        var ratio = values.Length;
        for (var i = 0; i < values.Length; i++)
        {
            var distributed = Math.Min(values[i], (int)Math.Round((double)remaining / ratio));
            result[i] = values[i] - distributed;
            remaining -= distributed;
            ratio--;
        }
        return result;
    }

    private static void Line(StringBuilder text, char left, char fill, char cross, char right, int[] widths)
    {
        text.Append(left);
        for (var i = 0; i < widths.Length; i++)
        {
            text.Append(fill, widths[i]);
            text.Append(i < widths.Length - 1 ? cross : right);
        }
        text.Append('\n');
    }

    private static void Cells(StringBuilder text, char border, IReadOnlyList<string> cells, int[] widths, IReadOnlyList<bool> rightAligned, bool centerLast)
    {
        var wrapped = cells.Select((c, i) => Wrap(c, widths[i] - 2)).ToArray();
        var height = wrapped.Max(w => w.Count);
        for (var line = 0; line < height; line++)
        {
            text.Append(border);
            for (var i = 0; i < widths.Length; i++)
            {
                var content = line < wrapped[i].Count ? wrapped[i][line] : "";
                var width = widths[i] - 2;
                var pad = width - content.Length;
                text.Append(' ');
                if (centerLast && i == widths.Length - 1) text.Append(' ', pad / 2).Append(content).Append(' ', pad - pad / 2);
                else if (rightAligned[i]) text.Append(' ', pad).Append(content);
                else text.Append(content).Append(' ', pad);
                text.Append(' ').Append(border);
            }
            text.Append('\n');
        }
    }

    // rich wraps at spaces and folds words longer than the cell.
    private static List<string> Wrap(string content, int width)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var word in content.Split(' '))
        {
            var w = word;
            if (current.Length > 0 && current.Length + 1 + w.Length > width)
            {
                lines.Add(current.ToString());
                current.Clear();
            }
            while (w.Length > width)
            {
                if (current.Length > 0)
                {
                    lines.Add(current.ToString());
                    current.Clear();
                }
                lines.Add(w[..width]);
                w = w[width..];
            }
            if (current.Length > 0) current.Append(' ');
            current.Append(w);
        }
        if (current.Length > 0 || lines.Count == 0) lines.Add(current.ToString());
        return lines;
    }
}
