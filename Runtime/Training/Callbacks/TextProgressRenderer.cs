using System.Globalization;
using System.Text;

namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>
/// Keras's progress text. Verbose 1: one live line per pass, rewritten in place (<c>\r</c>) in a terminal, with a bar, the time
/// and the values; when the output is not a terminal only the final line is written, so logs are never flooded. Verbose 2:
/// only the final line, <c>1875/1875 - 3s - 2ms/step - accuracy: 0.8812 - loss: 0.3276</c>.
/// </summary>
public sealed class TextProgressRenderer(TextWriter writer, bool live) : IProgressRenderer
{
    private const int BarWidth = 20;
    private int _lastLength;

    /// <summary>Writes to the console; lines are rewritten in place only when the output is a terminal.</summary>
    public TextProgressRenderer() : this(Console.Out, !Console.IsOutputRedirected)
    {
    }

    public void Message(string text)
    {
        EndLiveLine();
        writer.WriteLine(text);
        writer.Flush();
    }

    public void Update(ProgressState state)
    {
        if (!live || state.Verbose != 1) return;
        var line = Format(state, final: false);
        writer.Write("\r" + line + new string(' ', Math.Max(0, _lastLength - line.Length)));
        _lastLength = line.Length;
        writer.Flush();
    }

    public void Finish(ProgressState state)
    {
        var line = Format(state, final: true);
        if (live && _lastLength > 0) writer.Write("\r" + line + new string(' ', Math.Max(0, _lastLength - line.Length)) + Environment.NewLine);
        else writer.WriteLine(line);
        _lastLength = 0;
        writer.Flush();
    }

    /// <summary>Keras's line for <paramref name="state"/>: the bar (verbose 1) or the count (verbose 2), time, time per step, values.</summary>
    public static string Format(ProgressState state, bool final)
    {
        var text = new StringBuilder();
        var current = state.Current;
        var target = state.Target;
        var seconds = state.Elapsed.TotalSeconds;
        var perUnit = current > 0 ? seconds / current : 0;
        if (target is { } t)
        {
            var digits = (int)Math.Floor(Math.Log10(Math.Max(t, 1))) + 1;
            text.Append(current.ToString(CultureInfo.InvariantCulture).PadLeft(digits)).Append('/').Append(t.ToString(CultureInfo.InvariantCulture));
        }
        else text.Append(current.ToString(CultureInfo.InvariantCulture).PadLeft(7)).Append("/Unknown");

        if (state.Verbose == 2)
        {
            text.Append(" - ").Append(Seconds(seconds)).Append(" -").Append(TimePerUnit(perUnit, state.UnitName));
        }
        else
        {
            if (target is { } total)
            {
                var done = total == 0 ? BarWidth : (int)(BarWidth * Math.Min(1.0, (double)current / total));
                text.Append(' ').Append('━', done).Append('─', BarWidth - done);
            }
            if (!final && target is { } tt)
            {
                text.Append(' ').Append(Eta(perUnit * (tt - current)));
            }
            else text.Append(' ').Append(Seconds(seconds));
            text.Append(TimePerUnit(perUnit, state.UnitName));
        }
        foreach (var (name, value) in state.Values) text.Append(" - ").Append(name).Append(": ").Append(Value(value));
        return text.ToString();
    }

    /// <summary>Keras's value format: 4 decimals, or scientific notation for tiny values.</summary>
    public static string Value(double value) => Math.Abs(value) > 1e-3 || !double.IsFinite(value)
        ? value.ToString("F4", CultureInfo.InvariantCulture)
        : value.ToString("0.0000e+00", CultureInfo.InvariantCulture);

    /// <summary>Keras's time left: <c>1:02:03</c>, <c>2:03</c> or <c>7s</c>.</summary>
    internal static string Eta(double seconds) => seconds > 3600 ? $"{(int)seconds / 3600}:{(int)seconds % 3600 / 60:00}:{(int)seconds % 60:00}"
        : seconds > 60 ? $"{(int)seconds / 60}:{(int)seconds % 60:00}" : Seconds(seconds);

    internal static string Seconds(double seconds) => $"{Math.Round(seconds).ToString(CultureInfo.InvariantCulture)}s";

    internal static string TimePerUnit(double perUnit, string unit) => perUnit >= 1 || perUnit == 0
        ? $" {Math.Round(perUnit).ToString(CultureInfo.InvariantCulture)}s/{unit}"
        : perUnit >= 1e-3
            ? $" {Math.Round(perUnit * 1e3).ToString(CultureInfo.InvariantCulture)}ms/{unit}"
            : $" {Math.Round(perUnit * 1e6).ToString(CultureInfo.InvariantCulture)}us/{unit}";

    private void EndLiveLine()
    {
        if (_lastLength == 0) return;
        writer.WriteLine();
        _lastLength = 0;
    }
}
