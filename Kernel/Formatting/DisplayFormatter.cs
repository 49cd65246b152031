using System.Collections;
using System.Globalization;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Training.Callbacks;
using NotebookKeras.Visualizers;
using NotebookKeras.Visualizers.Charts;
using NotebookKeras.Visualizers.Models;
using NotebookKeras.Visualizers.Tensors;

namespace NotebookKeras.Kernel.Formatting;

/// <summary>
/// The one formatter registry the kernel uses to display values: every value gets <c>text/plain</c>; registered types add richer
/// MIME types (NotebookKeras types register <c>text/html</c>). The most recently registered formatter for the most derived type wins.
/// </summary>
public sealed class DisplayFormatter
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";

    // Match returns the registered type the value is an instance of (its depth ranks formatters), or null if it does not apply.
    private readonly List<(Func<Type, Type?> Match, string MimeType, Func<object, string> Format)> _formatters = [];

    /// <summary>The page this formatter's outputs land on (one notebook session): plotly.js is embedded in its first chart only.</summary>
    public HtmlPage Page { get; } = new();

    /// <summary>A registry with NotebookKeras's own formatters.</summary>
    public static DisplayFormatter CreateDefault()
    {
        var formatter = new DisplayFormatter();
        formatter.Register<Visual>(Html, v => v.ToHtml(formatter.Page));
        formatter.Register<IEnumerable>(PlainText, Sequence);
        formatter.Register<Tensor>(Html, t => TensorPreview.ToHtml(t));
        formatter.Register<Model>(PlainText, m => m.Summary());
        formatter.Register<Model>(Html, ModelView.ToHtml);
        formatter.Register<History>(Html, h => TrainingCurves.Plot(h).ToHtml(formatter.Page));
        // Users' Plotly.NET / XPlot charts draw with the embedded plotly.js (their own formatters load it from a CDN).
        foreach (var chartType in ForeignCharts.TypeNames)
        {
            formatter.RegisterByTypeName(chartType, Html, chart => ForeignCharts.ToFigure(chart).ToHtml(formatter.Page));
            formatter.RegisterByTypeName(chartType, PlainText, chart => ForeignCharts.ToFigure(chart).ToText());
        }
        return formatter;
    }

    /// <summary>Adds a formatter for values assignable to <typeparamref name="T"/>.</summary>
    public void Register<T>(string mimeType, Func<T, string> format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mimeType);
        ArgumentNullException.ThrowIfNull(format);
        _formatters.Add((t => typeof(T).IsAssignableFrom(t) ? typeof(T) : null, mimeType, o => format((T)o)));
    }

    /// <summary>
    /// Adds a formatter for values whose type, or a base type, has the full name <paramref name="fullTypeName"/>: for types of
    /// libraries the kernel does not reference (a notebook may load them later with <c>#r</c>).
    /// </summary>
    internal void RegisterByTypeName(string fullTypeName, string mimeType, Func<object, string> format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullTypeName);
        ArgumentException.ThrowIfNullOrWhiteSpace(mimeType);
        ArgumentNullException.ThrowIfNull(format);
        _formatters.Add((t =>
        {
            for (Type? type = t; type is not null; type = type.BaseType)
                if (type.FullName == fullTypeName) return type;
            return null;
        }, mimeType, format));
    }

    /// <summary>The MIME bundle for a value: <c>text/plain</c> always, plus every registered MIME type that applies.</summary>
    public IReadOnlyDictionary<string, string> Format(object? value)
    {
        var bundle = new Dictionary<string, string> { [PlainText] = value?.ToString() ?? "null" };
        if (value is null) return bundle;
        var chosen = new Dictionary<string, (int Depth, int Order)>();
        for (var i = 0; i < _formatters.Count; i++)
        {
            var (match, mime, format) = _formatters[i];
            if (match(value.GetType()) is not { } type) continue;
            var depth = Depth(type);
            if (chosen.TryGetValue(mime, out var best) && (best.Depth > depth || (best.Depth == depth && best.Order > i))) continue;
            string text;
            try
            {
                text = format(value);
            }
            catch (Exception)
            {
                // A formatter that fails (e.g. the summary of a model that is not built) must not fail the cell that shows the
                // value: the value still shows, as its other renderings.
                continue;
            }
            chosen[mime] = (depth, i);
            bundle[mime] = text;
        }
        return bundle;
    }

    /// <summary>A sequence's items, "[1, 2, 3]", up to <see cref="MaxItems"/> (lazy sequences are read no further).</summary>
    private static string Sequence(IEnumerable sequence)
    {
        if (sequence is string text) return text;
        var items = new List<string>();
        foreach (var item in sequence)
        {
            if (items.Count == MaxItems)
            {
                items.Add("…");
                break;
            }
            items.Add(item switch
            {
                null => "null",
                string s => $"\"{s}\"",
                _ => Convert.ToString(item, CultureInfo.InvariantCulture) ?? "",
            });
        }
        return $"[{string.Join(", ", items)}]";
    }

    private const int MaxItems = 100;

    // Deeper types are more specific; interfaces rank below classes.
    private static int Depth(Type type)
    {
        if (type.IsInterface) return 0;
        var depth = 1;
        for (var t = type.BaseType; t is not null; t = t.BaseType) depth++;
        return depth;
    }
}
