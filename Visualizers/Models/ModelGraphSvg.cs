using System.Text;

namespace NotebookKeras.Visualizers.Models;

/// <summary>Draws a laid-out model graph as standalone SVG: a <c>g.layer</c> per box, a <c>path.edge</c> with an arrowhead per edge.</summary>
internal static class ModelGraphSvg
{
    public static string Render(string title, ModelGraphData graph, IReadOnlyList<string[]> labels, ModelGraphLayout layout, bool horizontal)
    {
        var f = ModelGraph.Format;
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"nk-model-graph\" width=\"{f(layout.Width)}\" height=\"{f(layout.Height)}\" ")
            .Append($"viewBox=\"0 0 {f(layout.Width)} {f(layout.Height)}\" font-family=\"monospace\" font-size=\"12\">\n");
        svg.Append("<title>").AppendEscaped(title).Append("</title>\n");
        svg.Append("<defs><marker id=\"nk-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">")
            .Append("<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#444\"/></marker></defs>\n");

        for (var e = 0; e < graph.Edges.Count; e++)
        {
            var (from, to) = graph.Edges[e];
            svg.Append("<path class=\"edge\" data-from=\"").AppendEscaped(graph.Layers[from].Name)
                .Append("\" data-to=\"").AppendEscaped(graph.Layers[to].Name)
                .Append("\" d=\"").Append(EdgePath(layout.Boxes[from], layout.Boxes[to], layout.Waypoints[e], horizontal))
                .Append("\" fill=\"none\" stroke=\"#444\" stroke-width=\"1.2\" marker-end=\"url(#nk-arrow)\"/>\n");
        }

        for (var i = 0; i < graph.Layers.Count; i++)
        {
            var box = layout.Boxes[i];
            var layer = graph.Layers[i];
            svg.Append("<g class=\"layer\" data-name=\"").AppendEscaped(layer.Name).Append("\" data-class=\"").AppendEscaped(layer.ClassName).Append("\">\n");
            svg.Append($"<rect x=\"{f(box.X)}\" y=\"{f(box.Y)}\" width=\"{f(box.Width)}\" height=\"{f(box.Height)}\" rx=\"4\" ")
                .Append(layer.Trainable ? "fill=\"#eef4fb\"" : "fill=\"#eeeeee\"").Append(" stroke=\"#3b6ea5\"/>\n");
            for (var line = 0; line < labels[i].Length; line++)
            {
                var y = box.Y + ModelGraphLayout.Padding + (line + 0.75) * ModelGraphLayout.LineHeight;
                svg.Append($"<text x=\"{f(box.X + box.Width / 2)}\" y=\"{f(y)}\" text-anchor=\"middle\"")
                    .Append(line == 0 ? " font-weight=\"bold\">" : ">").AppendEscaped(labels[i][line]).Append("</text>\n");
            }
            svg.Append("</g>\n");
        }
        return svg.Append("</svg>\n").ToString();
    }

    // From the source's downstream side through the waypoints to the target's upstream side as smooth curves; a layer fed by
    // itself gets a loop beside it.
    private static string EdgePath(GraphBox from, GraphBox to, IReadOnlyList<(double X, double Y)> waypoints, bool horizontal)
    {
        var f = ModelGraph.Format;
        if (from == to)
        {
            var x = from.X + from.Width;
            var y = from.Y + from.Height / 2;
            return $"M {f(x)} {f(y - 6)} C {f(x + 30)} {f(y - 20)} {f(x + 30)} {f(y + 20)} {f(x)} {f(y + 6)}";
        }
        var points = new List<(double X, double Y)>
        {
            horizontal ? (from.X + from.Width, from.Y + from.Height / 2) : (from.X + from.Width / 2, from.Y + from.Height),
        };
        points.AddRange(waypoints);
        points.Add(horizontal ? (to.X, to.Y + to.Height / 2) : (to.X + to.Width / 2, to.Y));
        var path = new StringBuilder($"M {f(points[0].X)} {f(points[0].Y)}");
        for (var i = 1; i < points.Count; i++)
        {
            var (x1, y1) = points[i - 1];
            var (x2, y2) = points[i];
            var (cx1, cy1, cx2, cy2) = horizontal
                ? ((x1 + x2) / 2, y1, (x1 + x2) / 2, y2)
                : (x1, (y1 + y2) / 2, x2, (y1 + y2) / 2);
            path.Append($" C {f(cx1)} {f(cy1)} {f(cx2)} {f(cy2)} {f(x2)} {f(y2)}");
        }
        return path.ToString();
    }
}
