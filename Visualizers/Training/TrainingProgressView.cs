using System.Globalization;
using System.Net;
using System.Text;
using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Visualizers.Training;

/// <summary>
/// What a live progress output shows for one Fit, Evaluate or Predict: Keras's finished lines ("Epoch 2/3", each pass's final
/// line), the pass under way as a bar with its count, time left and current values, and a small inline SVG chart per value (the
/// loss so far by step, validation values at epoch ends; once complete, every value per epoch). Light enough to be redrawn ten
/// times a second, so no plotly. The text form is Keras's lines. Mutable: its owner (<see cref="LiveProgressRenderer"/>) changes and renders it under one lock.
/// </summary>
internal sealed class TrainingProgressView : Visual
{
    private readonly List<string> _lines = [];
    private readonly CurveSet _steps = new("steps");
    private readonly CurveSet _epochs = new("epochs");
    private ProgressState? _pass;
    private bool _passFinished;
    private bool _complete;
    private int _stepOffset;
    private int _passes;

    /// <summary>A line of text ("Epoch 3/10").</summary>
    public void AddLine(string text) => _lines.Add(text);

    /// <summary>The pass under way is at <paramref name="state"/>.</summary>
    public void Progress(ProgressState state)
    {
        _pass = state;
        _passFinished = false;
        foreach (var (name, value) in state.Values) _steps.Add(name, _stepOffset + state.Current, value);
    }

    /// <summary>The pass ended with <paramref name="state"/>: its final line is kept, and its validation values join the curves.</summary>
    public void Finish(ProgressState state)
    {
        _pass = state;
        _passFinished = true;
        _lines.Add(TextProgressRenderer.Format(state, final: true));
        _stepOffset += state.Current;
        _passes++;
        foreach (var (name, value) in state.Values)
        {
            _steps.Add(name, _stepOffset, value);
            _epochs.Add(name, _passes, value);
        }
    }

    /// <summary>The run is over (its cell ended): the final render draws the curves per epoch, which unlike the live samples do
    /// not depend on when the throttle let a draw through. False when it already was.</summary>
    public bool Complete()
    {
        if (_complete) return false;
        _complete = true;
        return true;
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
        (_complete ? _epochs : _steps).AppendSvg(html);
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

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
