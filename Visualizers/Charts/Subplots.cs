using System.Globalization;
using System.Text.Json.Nodes;

namespace NotebookKeras.Visualizers.Charts;

/// <summary>
/// Figures made of titled panels (one per metric, per layer...): the grid, the panel titles Plotly has no property for, axis
/// names and colors shared by traces that belong together.
/// </summary>
internal static class Subplots
{
    // plotly.js's default colorway, set explicitly so that traces of one series (train and validation, f and f') share a color.
    private static readonly string[] s_colors =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>The <paramref name="index"/>-th color (0-based) of the palette, cycling.</summary>
    public static string Color(int index) => s_colors[index % s_colors.Length];

    /// <summary>
    /// A figure of <paramref name="count"/> panels on rows at most <paramref name="maxColumns"/> wide, each row
    /// <paramref name="rowHeight"/> pixels high, with room between rows for the panel titles.
    /// </summary>
    public static Figure Panels(string? title, int count, int maxColumns, int rowHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var columns = Math.Min(count, maxColumns);
        var rows = (count + columns - 1) / columns;
        var figure = new Figure(title, height: (title is null ? 40 : 60) + rows * rowHeight).Grid(rows, columns);
        figure.Layout["grid"]!["ygap"] = 0.45;
        figure.Layout["grid"]!["xgap"] = 0.12;
        return figure;
    }

    /// <summary>Plotly's name for an axis of panel <paramref name="index"/> (1-based): <c>xaxis</c>, <c>yaxis3</c>...</summary>
    public static string Axis(char axis, int index) => axis + "axis" + Suffix(index);

    /// <summary>A title centred above panel <paramref name="index"/> (1-based), as a layout annotation.</summary>
    public static Figure PanelTitle(this Figure figure, int index, string text)
    {
        var annotations = figure.Layout["annotations"] as JsonArray ?? [];
        annotations.Add(new JsonObject
        {
            ["text"] = text,
            ["showarrow"] = false,
            ["xref"] = "x" + Suffix(index) + " domain",
            ["yref"] = "y" + Suffix(index) + " domain",
            ["x"] = 0.5,
            ["y"] = 1,
            ["xanchor"] = "center",
            ["yanchor"] = "bottom",
            ["font"] = new JsonObject { ["size"] = 14 },
        });
        figure.Layout["annotations"] = annotations;
        return figure;
    }

    /// <summary>Sets a line's color and dash (Plotly's <c>solid</c>, <c>dash</c>...).</summary>
    public static JsonObject Line(this JsonObject trace, string color, string dash = "solid")
    {
        trace["line"] = new JsonObject { ["color"] = color, ["dash"] = dash };
        trace["marker"] = new JsonObject { ["color"] = color };
        return trace;
    }

    /// <summary>Groups traces under one legend entry: only the first of a group shows in the legend when <paramref name="showInLegend"/> is false for the others.</summary>
    public static JsonObject Group(this JsonObject trace, string group, bool showInLegend = true)
    {
        trace["legendgroup"] = group;
        trace["showlegend"] = showInLegend;
        return trace;
    }

    private static string Suffix(int index)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        return index == 1 ? "" : index.ToString(CultureInfo.InvariantCulture);
    }
}
