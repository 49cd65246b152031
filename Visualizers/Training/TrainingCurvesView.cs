using System.Globalization;
using System.Text;
using NotebookKeras.Runtime.Training.Callbacks;
using NotebookKeras.Visualizers.Charts;

namespace NotebookKeras.Visualizers.Training;

/// <summary>
/// What <see cref="LiveTrainingCurves"/> shows: a chart per value (loss, each metric; training vs validation) over the epochs so
/// far. While training runs the charts are inline SVG, light to redraw; once it is over the final render is a plotly figure (the
/// state that stays in the notebook, so it may carry plotly.js for its page). The text form is a line per epoch.
/// </summary>
internal sealed class TrainingCurvesView : Visual
{
    private readonly CurveSet _curves = new("epochs");
    private readonly List<string> _lines = [];
    // The same logs by name, for the final figure: the training curves a History of these epochs would show.
    private readonly Dictionary<string, IReadOnlyList<double>> _logs = new(StringComparer.Ordinal);
    private bool _complete;

    /// <summary>The end of epoch <paramref name="epoch"/> (1-based) of <paramref name="epochs"/>, with its logs.</summary>
    public void AddEpoch(int epoch, int epochs, IEnumerable<KeyValuePair<string, double>> logs)
    {
        var line = new StringBuilder("Epoch ").Append(epoch.ToString(CultureInfo.InvariantCulture)).Append('/')
            .Append(epochs.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in logs)
        {
            _curves.Add(name, epoch, value);
            if (!_logs.TryGetValue(name, out var values)) _logs[name] = values = new List<double>();
            ((List<double>)values).Add(value);
            line.Append(" - ").Append(name).Append(": ").Append(TextProgressRenderer.Value(value));
        }
        _lines.Add(line.ToString());
    }

    /// <summary>Training is over: the next render is the final, static one. False when it already was.</summary>
    public bool Complete()
    {
        if (_complete) return false;
        _complete = true;
        return true;
    }

    public override string ToHtml(HtmlPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (_curves.IsEmpty) return "<div class=\"nk-training-curves\">No epoch has ended yet.</div>";
        if (_complete) return TrainingCurves.Plot(_logs).ToHtml(page);
        var html = new StringBuilder();
        _curves.AppendSvg(html);
        return html.ToString();
    }

    public override string ToText() => _lines.Count == 0 ? "No epoch has ended yet." : string.Join('\n', _lines);
}
