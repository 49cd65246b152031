using System.Globalization;
using System.Net;
using System.Text;
using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Visualizers.Training;

/// <summary>
/// What a live progress output shows for one Fit, Evaluate or Predict: Keras's finished lines ("Epoch 2/3", each pass's final
/// line), the pass under way as a bar with its count, time left and current values, and a small inline SVG chart per value (the
/// loss so far, validation values at epoch ends). Light enough to be redrawn ten times a second, so no plotly. The text form is
/// Keras's lines. Mutable: its owner (<see cref="LiveProgressRenderer"/>) feeds and renders it under one lock.
/// </summary>
internal sealed class TrainingProgressView : Visual
{
    /// <summary>Points kept per curve; beyond, every other point is dropped, so a long fit does not grow the output without bound.</summary>
    internal const int MaxPoints = 1000;

    private const string ValidationPrefix = "val_";
    private readonly List<string> _lines = [];
    private readonly List<Curve> _curves = [];
    private ProgressState? _pass;
    private bool _passFinished;
    private int _stepOffset;

    /// <summary>A line of text ("Epoch 3/10").</summary>
    public void AddLine(string text) => _lines.Add(text);

    /// <summary>The pass under way is at <paramref name="state"/>.</summary>
    public void Progress(ProgressState state)
    {
        _pass = state;
        _passFinished = false;
        foreach (var (name, value) in state.Values)
            if (!name.StartsWith(ValidationPrefix, StringComparison.Ordinal)) CurveOf(name).Add(_stepOffset + state.Current, value, validation: false);
    }

    /// <summary>The pass ended with <paramref name="state"/>: its final line is kept, and its validation values join the curves.</summary>
    public void Finish(ProgressState state)
    {
        _pass = state;
        _passFinished = true;
        _lines.Add(TextProgressRenderer.Format(state, final: true));
        var x = _stepOffset + state.Current;
        foreach (var (name, value) in state.Values)
        {
            var validation = name.StartsWith(ValidationPrefix, StringComparison.Ordinal);
            CurveOf(validation ? name[ValidationPrefix.Length..] : name).Add(x, value, validation);
        }
        _stepOffset = x;
    }

    /// <summary>Keras's lines: the finished ones, then the live line of the pass under way.</summary>
    public override string ToText()
    {
        var text = new StringBuilder();
        foreach (var line in _lines) text.Append(line).Append('\n');
        if (_pass is { } pass && !_passFinished) text.Append(TextProgressRenderer.Format(pass, final: false));
        return text.ToString().TrimEnd('\n');
    }

    public override string ToHtml(HtmlPage page)
    {
        var html = new StringBuilder("<div class=\"nk-training\" style=\"font:13px/1.4 system-ui,sans-serif\">");
        if (_lines.Count > 0)
        {
            html.Append("<pre class=\"nk-training-log\" style=\"margin:0 0 6px;font:12px/1.35 ui-monospace,monospace;white-space:pre-wrap\">")
                .Append(WebUtility.HtmlEncode(string.Join('\n', _lines))).Append("</pre>");
        }
        if (_pass is { } pass) AppendStatus(html, pass);
        if (_curves.Count > 0)
        {
            html.Append("<div class=\"nk-training-curves\" style=\"display:flex;flex-wrap:wrap;gap:12px;margin-top:6px\">");
            foreach (var curve in _curves) curve.AppendSvg(html);
            html.Append("</div>");
        }
        return html.Append("</div>").ToString();
    }

    private void AppendStatus(StringBuilder html, ProgressState pass)
    {
        html.Append("<div class=\"nk-training-status\" style=\"display:flex;flex-wrap:wrap;align-items:center;gap:4px 12px\">");
        if (pass.Target is { } target)
        {
            var fraction = target == 0 ? 1.0 : Math.Clamp((double)pass.Current / target, 0, 1);
            html.Append("<div class=\"nk-progress-bar\" role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"").Append(Number(target))
                .Append("\" aria-valuenow=\"").Append(Number(pass.Current))
                .Append("\" style=\"width:240px;height:10px;background:#e5e7eb;border-radius:5px;overflow:hidden\"><div style=\"width:")
                .Append(Number(fraction * 100)).Append("%;height:100%;background:#2563eb\"></div></div>");
        }
        html.Append("<span class=\"nk-progress-count\">").Append(Number(pass.Current)).Append('/')
            .Append(pass.Target is { } t ? Number(t) : "Unknown").Append("</span>");
        var perUnit = pass.Current > 0 ? pass.Elapsed.TotalSeconds / pass.Current : 0;
        var time = !_passFinished && pass.Target is { } left
            ? "ETA " + TextProgressRenderer.Eta(perUnit * (left - pass.Current))
            : TextProgressRenderer.Seconds(pass.Elapsed.TotalSeconds);
        html.Append("<span class=\"nk-progress-time\">").Append(time).Append(WebUtility.HtmlEncode(TextProgressRenderer.TimePerUnit(perUnit, pass.UnitName)))
            .Append("</span>");
        foreach (var (name, value) in pass.Values)
        {
            html.Append("<span class=\"nk-progress-value\"><b>").Append(WebUtility.HtmlEncode(name)).Append("</b> ")
                .Append(TextProgressRenderer.Value(value)).Append("</span>");
        }
        html.Append("</div>");
    }

    private Curve CurveOf(string name)
    {
        foreach (var curve in _curves)
            if (curve.Name == name) return curve;
        var added = new Curve(name);
        _curves.Add(added);
        return added;
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>One value's points (x = steps since the start of the run): training and validation.</summary>
    private sealed class Curve(string name)
    {
        private const int Width = 260, Height = 110, Left = 52, Right = 8, Top = 18, Bottom = 18;
        private const string TrainColor = "#2563eb", ValidationColor = "#ea580c";
        private readonly List<(double X, double Y)> _train = [];
        private readonly List<(double X, double Y)> _validation = [];

        public string Name => name;

        public void Add(double x, double y, bool validation)
        {
            if (!double.IsFinite(y)) return;
            var points = validation ? _validation : _train;
            points.Add((x, y));
            if (points.Count <= MaxPoints) return;
            var last = points[^1];
            for (var i = 0; i < points.Count / 2; i++) points[i] = points[2 * i + 1];
            points.RemoveRange(points.Count / 2, points.Count - points.Count / 2);
            if (points[^1] != last) points.Add(last);
        }

        public void AppendSvg(StringBuilder html)
        {
            var all = _train.Concat(_validation).ToList();
            if (all.Count == 0) return;
            var (low, high) = (all.Min(p => p.Y), all.Max(p => p.Y));
            if (high - low < 1e-12)
            {
                var pad = Math.Max(Math.Abs(high) * 0.05, 1e-3);
                (low, high) = (low - pad, high + pad);
            }
            var xMax = Math.Max(1, all.Max(p => p.X));
            string Point((double X, double Y) p) =>
                Number(Left + p.X / xMax * (Width - Left - Right)) + "," + Number(Top + (high - p.Y) / (high - low) * (Height - Top - Bottom));

            var title = WebUtility.HtmlEncode(name);
            html.Append("<svg class=\"nk-curve\" data-name=\"").Append(title).Append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .Append(Width).Append("\" height=\"").Append(Height).Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height)
                .Append("\" style=\"font:10px system-ui,sans-serif\"><title>").Append(title).Append("</title>")
                .Append("<rect x=\"").Append(Left).Append("\" y=\"").Append(Top).Append("\" width=\"").Append(Width - Left - Right)
                .Append("\" height=\"").Append(Height - Top - Bottom).Append("\" fill=\"none\" stroke=\"#d1d5db\"/>")
                .Append("<text x=\"").Append(Left).Append("\" y=\"12\" font-weight=\"bold\">").Append(title).Append("</text>");
            if (_validation.Count > 0)
            {
                html.Append("<text x=\"").Append(Width - Right).Append("\" y=\"12\" text-anchor=\"end\"><tspan fill=\"").Append(TrainColor)
                    .Append("\">train</tspan> <tspan fill=\"").Append(ValidationColor).Append("\">val</tspan></text>");
            }
            html.Append("<text x=\"").Append(Left - 4).Append("\" y=\"").Append(Top + 8).Append("\" text-anchor=\"end\">")
                .Append(TextProgressRenderer.Value(high)).Append("</text><text x=\"").Append(Left - 4).Append("\" y=\"").Append(Height - Bottom)
                .Append("\" text-anchor=\"end\">").Append(TextProgressRenderer.Value(low)).Append("</text><text x=\"").Append(Width - Right)
                .Append("\" y=\"").Append(Height - 4).Append("\" text-anchor=\"end\">").Append(Number(xMax)).Append(" steps</text>");
            AppendSeries(html, _train, TrainColor, Point, markers: _train.Count == 1);
            AppendSeries(html, _validation, ValidationColor, Point, markers: true);
            html.Append("</svg>");
        }

        private static void AppendSeries(StringBuilder html, List<(double X, double Y)> points, string color,
            Func<(double X, double Y), string> point, bool markers)
        {
            if (points.Count == 0) return;
            html.Append("<polyline class=\"nk-curve-line\" fill=\"none\" stroke=\"").Append(color).Append("\" stroke-width=\"1.5\" points=\"")
                .Append(string.Join(' ', points.Select(point))).Append("\"/>");
            if (!markers) return;
            foreach (var p in points)
            {
                var xy = point(p).Split(',');
                html.Append("<circle cx=\"").Append(xy[0]).Append("\" cy=\"").Append(xy[1]).Append("\" r=\"2.5\" fill=\"").Append(color).Append("\"/>");
            }
        }
    }
}
