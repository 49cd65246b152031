using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Training.Callbacks;
using NotebookKeras.Visualizers.Charts;

namespace NotebookKeras.Visualizers.Training;

/// <summary>
/// The curves of a run so far, one per value name ("loss", "accuracy"), each with its training points and, from the "val_" entries,
/// its validation points, drawn as small inline SVG charts: light enough to redraw ten times a second, and no script. (Once a run
/// is over, its per-epoch curves are drawn by <see cref="TrainingCurves"/>.)
/// </summary>
internal sealed class CurveSet(string xName)
{
    /// <summary>Points kept per series; beyond, every other point is dropped, so a long run does not grow the output without bound.</summary>
    internal const int MaxPoints = 1000;

    private const string ValidationPrefix = "val_";
    private readonly List<Curve> _curves = [];

    public bool IsEmpty => _curves.Count == 0;

    /// <summary>Adds the point (<paramref name="x"/>, <paramref name="value"/>) to the curve of <paramref name="key"/>: a "val_" key
    /// is the validation series of the curve named by the rest. Non-finite values are left out (a gap).</summary>
    public void Add(string key, double x, double value)
    {
        var validation = key.StartsWith(ValidationPrefix, StringComparison.Ordinal) && key.Length > ValidationPrefix.Length;
        var name = validation ? key[ValidationPrefix.Length..] : key;
        var curve = _curves.Find(c => c.Name == name);
        if (curve is null) _curves.Add(curve = new Curve(name));
        if (double.IsFinite(value)) curve.Add(validation ? curve.Validation : curve.Train, x, value);
    }

    /// <summary>A row of small SVG charts, one per curve.</summary>
    public void AppendSvg(StringBuilder html)
    {
        if (IsEmpty) return;
        html.Append("<div class=\"nk-training-curves\" style=\"display:flex;flex-wrap:wrap;gap:12px;margin-top:6px\">");
        foreach (var curve in _curves) curve.AppendSvg(html, xName);
        html.Append("</div>");
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private sealed class Curve(string name)
    {
        public const string TrainColor = "#2563eb", ValidationColor = "#ea580c";
        private const int Width = 260, Height = 110, Left = 52, Right = 8, Top = 18, Bottom = 18;

        public string Name => name;

        public List<(double X, double Y)> Train { get; } = [];

        public List<(double X, double Y)> Validation { get; } = [];

        public void Add(List<(double X, double Y)> points, double x, double y)
        {
            // A pass's last step and its end report the same point.
            if (points.Count > 0 && points[^1].X == x) points.RemoveAt(points.Count - 1);
            points.Add((x, y));
            if (points.Count <= MaxPoints) return;
            var last = points[^1];
            for (var i = 0; i < points.Count / 2; i++) points[i] = points[2 * i + 1];
            points.RemoveRange(points.Count / 2, points.Count - points.Count / 2);
            if (points[^1] != last) points.Add(last);
        }

        public void AppendSvg(StringBuilder html, string xName)
        {
            var all = Train.Concat(Validation).ToList();
            // A lone point (a short evaluation) is no curve.
            if (all.Count < 2) return;
            var (low, high) = (all.Min(p => p.Y), all.Max(p => p.Y));
            if (high - low < 1e-12)
            {
                var pad = Math.Max(Math.Abs(high) * 0.05, 1e-3);
                (low, high) = (low - pad, high + pad);
            }
            var (xMin, xMax) = (all.Min(p => p.X), all.Max(p => p.X));
            var xSpan = Math.Max(xMax - xMin, 1e-9);
            (string X, string Y) Point((double X, double Y) p) =>
                (Number(Left + (p.X - xMin) / xSpan * (Width - Left - Right)), Number(Top + (high - p.Y) / (high - low) * (Height - Top - Bottom)));

            var title = WebUtility.HtmlEncode(name);
            html.Append("<svg class=\"nk-curve\" data-name=\"").Append(title).Append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .Append(Width).Append("\" height=\"").Append(Height).Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height)
                .Append("\" style=\"font:10px system-ui,sans-serif\"><title>").Append(title).Append("</title>")
                .Append("<rect x=\"").Append(Left).Append("\" y=\"").Append(Top).Append("\" width=\"").Append(Width - Left - Right)
                .Append("\" height=\"").Append(Height - Top - Bottom).Append("\" fill=\"none\" stroke=\"#d1d5db\"/>")
                .Append("<text x=\"").Append(Left).Append("\" y=\"12\" font-weight=\"bold\">").Append(title).Append("</text>");
            if (Validation.Count > 0)
            {
                html.Append("<text x=\"").Append(Width - Right).Append("\" y=\"12\" text-anchor=\"end\"><tspan fill=\"").Append(TrainColor)
                    .Append("\">train</tspan> <tspan fill=\"").Append(ValidationColor).Append("\">val</tspan></text>");
            }
            html.Append("<text x=\"").Append(Left - 4).Append("\" y=\"").Append(Top + 8).Append("\" text-anchor=\"end\">")
                .Append(TextProgressRenderer.Value(high)).Append("</text><text x=\"").Append(Left - 4).Append("\" y=\"")
                .Append(Height - Bottom).Append("\" text-anchor=\"end\">").Append(TextProgressRenderer.Value(low))
                .Append("</text><text x=\"").Append(Width - Right).Append("\" y=\"").Append(Height - 4).Append("\" text-anchor=\"end\">")
                .Append(Number(xMax)).Append(' ').Append(WebUtility.HtmlEncode(xName)).Append("</text>");
            AppendSeries(html, Train, TrainColor, Point, markers: Train.Count == 1);
            AppendSeries(html, Validation, ValidationColor, Point, markers: true);
            html.Append("</svg>");
        }

        private static void AppendSeries(StringBuilder html, List<(double X, double Y)> points, string color,
            Func<(double X, double Y), (string X, string Y)> point, bool markers)
        {
            if (points.Count == 0) return;
            html.Append("<polyline class=\"nk-curve-line\" fill=\"none\" stroke=\"").Append(color).Append("\" stroke-width=\"1.5\" points=\"")
                .Append(string.Join(' ', points.Select(point).Select(p => p.X + "," + p.Y))).Append("\"/>");
            if (!markers) return;
            foreach (var (x, y) in points.Select(point))
                html.Append("<circle cx=\"").Append(x).Append("\" cy=\"").Append(y).Append("\" r=\"2.5\" fill=\"").Append(color).Append("\"/>");
        }
    }
}
