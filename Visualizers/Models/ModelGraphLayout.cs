namespace NotebookKeras.Visualizers.Models;

/// <summary>A box's top-left corner and size, in SVG user units.</summary>
internal readonly record struct GraphBox(double X, double Y, double Width, double Height);

/// <summary>
/// The drawing's boxes (by layer index), the points each edge passes on its way (by edge index; empty when it joins adjacent ranks)
/// and the overall size.
/// </summary>
internal sealed record ModelGraphLayout(IReadOnlyList<GraphBox> Boxes, IReadOnlyList<IReadOnlyList<(double X, double Y)>> Waypoints, double Width, double Height)
{
    public const double CharWidth = 7.2;  // a 12px monospace glyph is about 0.6em wide
    public const double LineHeight = 16;
    public const double Padding = 8;
    public const double Margin = 20;
    private const double RankGap = 48;
    private const double SiblingGap = 24;
    private const int OrderingSweeps = 4;
    private const double WaypointBreadth = 12;

    /// <summary>
    /// A layered (Sugiyama-style) layout: each box's rank is its longest path from a source, boxes within a rank are ordered by the
    /// barycenter of their neighbours in the adjacent rank (sweeping down and up) to reduce crossings, then ranks are stacked top to
    /// bottom, or left to right when <paramref name="horizontal"/>. An edge spanning several ranks passes through a waypoint in each
    /// rank between, which takes part in the ordering like a thin box, so long edges are routed around boxes rather than through them.
    /// </summary>
    public static ModelGraphLayout Compute(IReadOnlyList<string[]> labels, IReadOnlyList<(int From, int To)> edges, bool horizontal)
    {
        var sizeList = labels.Select(lines => (
            Width: lines.Max(l => l.Length) * CharWidth + 2 * Padding,
            Height: lines.Length * LineHeight + 2 * Padding)).ToList();
        var rankList = Ranks(labels.Count, edges).ToList();
        var segments = new List<(int From, int To)>();
        var chains = new List<List<int>>();
        foreach (var (from, to) in edges)
        {
            var chain = new List<int>();
            var previous = from;
            for (var r = rankList[from] + 1; r < rankList[to]; r++)
            {
                chain.Add(sizeList.Count);
                sizeList.Add(horizontal ? (0, WaypointBreadth) : (WaypointBreadth, 0));
                rankList.Add(r);
                segments.Add((previous, chain[^1]));
                previous = chain[^1];
            }
            segments.Add((previous, to));
            chains.Add(chain);
        }
        var count = sizeList.Count;
        var sizes = sizeList.ToArray();
        var rank = rankList.ToArray();
        var ranks = Enumerable.Range(0, rank.Length == 0 ? 0 : rank.Max() + 1)
            .Select(r => Enumerable.Range(0, count).Where(i => rank[i] == r).ToList()).ToList();
        Order(ranks, rank, segments);

        // Along the rank axis each rank takes its largest box; across it boxes sit side by side, each rank centred.
        double Along((double Width, double Height) s) => horizontal ? s.Width : s.Height;
        double Across((double Width, double Height) s) => horizontal ? s.Height : s.Width;
        var spans = ranks.Select(r => r.Sum(i => Across(sizes[i])) + SiblingGap * Math.Max(0, r.Count - 1)).ToList();
        var widest = spans.Count == 0 ? 0 : spans.Max();
        var boxes = new GraphBox[count];
        var along = Margin;
        for (var r = 0; r < ranks.Count; r++)
        {
            var depth = ranks[r].Max(i => Along(sizes[i]));
            var across = Margin + (widest - spans[r]) / 2;
            foreach (var i in ranks[r])
            {
                var offset = along + (depth - Along(sizes[i])) / 2;
                boxes[i] = horizontal
                    ? new GraphBox(offset, across, sizes[i].Width, sizes[i].Height)
                    : new GraphBox(across, offset, sizes[i].Width, sizes[i].Height);
                across += Across(sizes[i]) + SiblingGap;
            }
            along += depth + RankGap;
        }
        var length = along - RankGap + Margin;
        var breadth = widest + 2 * Margin;
        var waypoints = chains.Select(chain => (IReadOnlyList<(double, double)>)[.. chain.Select(i => (boxes[i].X + boxes[i].Width / 2, boxes[i].Y + boxes[i].Height / 2))]).ToList();
        var real = boxes[..labels.Count];
        return horizontal ? new ModelGraphLayout(real, waypoints, length, breadth) : new ModelGraphLayout(real, waypoints, breadth, length);
    }

    // Longest path from the sources in topological order. Shared layers can close a cycle (a layer fed by its own output); the
    // edges that would close one are ignored for ranking, taking the earliest-created box still waiting.
    private static int[] Ranks(int count, IReadOnlyList<(int From, int To)> edges)
    {
        var rank = new int[count];
        var waiting = new int[count];
        foreach (var (from, to) in edges) if (from != to) waiting[to]++;
        var done = new bool[count];
        for (var step = 0; step < count; step++)
        {
            var next = -1;
            for (var i = 0; i < count && next < 0; i++) if (!done[i] && waiting[i] == 0) next = i;
            if (next < 0) next = Array.FindIndex(done, d => !d);
            done[next] = true;
            foreach (var (from, to) in edges)
            {
                if (from != next || to == next || done[to]) continue;
                rank[to] = Math.Max(rank[to], rank[next] + 1);
                waiting[to]--;
            }
        }
        return rank;
    }

    private static void Order(List<List<int>> ranks, int[] rank, IReadOnlyList<(int From, int To)> edges)
    {
        var position = new double[rank.Length];
        void Number(List<int> row) { for (var k = 0; k < row.Count; k++) position[row[k]] = k; }
        foreach (var row in ranks) Number(row);
        for (var sweep = 0; sweep < OrderingSweeps; sweep++)
        {
            var down = sweep % 2 == 0;
            for (var step = 1; step < ranks.Count; step++)
            {
                var r = down ? step : ranks.Count - 1 - step;
                var neighbour = down ? r - 1 : r + 1;
                var keys = ranks[r].ToDictionary(i => i, i =>
                {
                    var adjacent = edges
                        .Where(e => down ? e.To == i && rank[e.From] == neighbour : e.From == i && rank[e.To] == neighbour)
                        .Select(e => position[down ? e.From : e.To]).ToList();
                    return adjacent.Count == 0 ? position[i] : adjacent.Average();
                });
                // A stable sort keeps the creation order among ties, so the drawing is deterministic.
                ranks[r] = [.. ranks[r].OrderBy(i => keys[i])];
                Number(ranks[r]);
            }
        }
    }
}
