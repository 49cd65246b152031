using System.Text.Json.Nodes;

namespace NotebookKeras.Visualizers.Charts;

/// <summary>
/// Plotly traces built from .NET arrays: the JSON objects <see cref="Figure.Add"/> takes. Non-finite values become
/// <c>null</c> (Plotly draws a gap), since JSON has no NaN.
/// </summary>
public static class Traces
{
    /// <summary>A line (or markers: <paramref name="mode"/> is Plotly's <c>lines</c>, <c>markers</c>, <c>lines+markers</c>).</summary>
    public static JsonObject Scatter(string name, ReadOnlySpan<float> x, ReadOnlySpan<float> y, string mode = "lines")
    {
        if (x.Length != y.Length) throw new ArgumentException($"Traces.Scatter '{name}': x has {x.Length} values, y has {y.Length}.", nameof(y));
        return new JsonObject { ["type"] = "scatter", ["mode"] = mode, ["name"] = name, ["x"] = Numbers(x), ["y"] = Numbers(y) };
    }

    /// <summary>A line over 1, 2, 3... (epochs, steps).</summary>
    public static JsonObject Scatter(string name, ReadOnlySpan<float> y, string mode = "lines+markers")
    {
        var x = new float[y.Length];
        for (var i = 0; i < x.Length; i++) x[i] = i + 1;
        return Scatter(name, x, y, mode);
    }

    /// <summary>Bars with category labels.</summary>
    public static JsonObject Bar(string name, IReadOnlyList<string> categories, ReadOnlySpan<float> values)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (categories.Count != values.Length) throw new ArgumentException($"Traces.Bar '{name}': {categories.Count} categories, {values.Length} values.", nameof(values));
        return new JsonObject { ["type"] = "bar", ["name"] = name, ["x"] = Strings(categories), ["y"] = Numbers(values) };
    }

    /// <summary>
    /// A histogram of <paramref name="values"/> in <paramref name="bins"/> equal bins over [<paramref name="min"/>,
    /// <paramref name="max"/>] (by default the values' own range), drawn as bars. Binned here rather than by plotly.js, so a
    /// layer of a million weights costs a few hundred bytes of output instead of megabytes. Non-finite values and values
    /// outside the range are not counted.
    /// </summary>
    public static JsonObject Histogram(string name, ReadOnlySpan<float> values, int bins = 50, float? min = null, float? max = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var (lo, hi) = Range(values);
        lo = min ?? lo;
        hi = max ?? hi;
        if (!(hi > lo))
        {
            // One value (or none): a unit-wide range around it, so the bar still shows.
            lo = float.IsFinite(lo) ? lo - 0.5f : 0f;
            hi = lo + 1f;
        }
        var counts = new float[bins];
        var scale = bins / ((double)hi - lo);
        foreach (var v in values)
        {
            if (!float.IsFinite(v) || v < lo || v > hi) continue;
            counts[Math.Min(bins - 1, (int)((v - (double)lo) * scale))]++;
        }
        var width = (float)(((double)hi - lo) / bins);
        var centers = new float[bins];
        for (var i = 0; i < bins; i++) centers[i] = (float)(lo + (i + 0.5) * ((double)hi - lo) / bins);
        return new JsonObject
        {
            ["type"] = "bar",
            ["name"] = name,
            ["x"] = Numbers(centers),
            ["y"] = Numbers(counts),
            ["width"] = width,
            ["marker"] = new JsonObject { ["line"] = new JsonObject { ["width"] = 0 } },
        };
    }

    /// <summary>The smallest and largest finite values (NaN, NaN when there are none).</summary>
    public static (float Min, float Max) Range(ReadOnlySpan<float> values)
    {
        float lo = float.NaN, hi = float.NaN;
        foreach (var v in values)
        {
            if (!float.IsFinite(v)) continue;
            if (!(v >= lo)) lo = v;
            if (!(v <= hi)) hi = v;
        }
        return (lo, hi);
    }

    /// <summary>A heatmap of a row-major <paramref name="rows"/> × <paramref name="columns"/> grid; row 0 is drawn at the top when the
    /// layout's y axis is reversed (<c>autorange: "reversed"</c>), as images and matrices read.</summary>
    public static JsonObject Heatmap(string name, ReadOnlySpan<float> values, int rows, int columns, IReadOnlyList<string>? xLabels = null,
        IReadOnlyList<string>? yLabels = null, string colorscale = "Viridis")
    {
        if (rows * columns != values.Length) throw new ArgumentException($"Traces.Heatmap '{name}': {rows}x{columns} needs {rows * columns} values, got {values.Length}.", nameof(values));
        var z = new JsonArray();
        for (var r = 0; r < rows; r++) z.Add(Numbers(values.Slice(r * columns, columns)));
        var trace = new JsonObject { ["type"] = "heatmap", ["name"] = name, ["z"] = z, ["colorscale"] = colorscale };
        if (xLabels is not null) trace["x"] = Strings(xLabels);
        if (yLabels is not null) trace["y"] = Strings(yLabels);
        return trace;
    }

    /// <summary>Puts a trace on subplot <paramref name="index"/> (1-based) of a <see cref="Figure.Grid"/>.</summary>
    public static JsonObject OnSubplot(this JsonObject trace, int index)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        var suffix = index == 1 ? "" : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        trace["xaxis"] = "x" + suffix;
        trace["yaxis"] = "y" + suffix;
        return trace;
    }

    /// <summary>Numbers as a JSON array, non-finite ones as null.</summary>
    public static JsonArray Numbers(ReadOnlySpan<float> values)
    {
        var array = new JsonArray();
        foreach (var v in values) array.Add(float.IsFinite(v) ? JsonValue.Create(v) : null);
        return array;
    }

    private static JsonArray Strings(IReadOnlyList<string> values)
    {
        var array = new JsonArray();
        foreach (var v in values) array.Add(JsonValue.Create(v));
        return array;
    }
}
