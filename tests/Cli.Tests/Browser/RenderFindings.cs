using System.Text;

namespace NotebookKeras.Cli.Tests.Browser;

/// <summary>What RenderCheck.js found on a page rendered in Chromium (its JSON, camelCase).</summary>
internal sealed record RenderFindings(
    IReadOnlyList<RenderFindings.Figure> Figures,
    IReadOnlyList<RenderFindings.Graph> Graphs,
    IReadOnlyList<RenderFindings.Image> Images,
    int Fallbacks,
    IReadOnlyList<string> Requests,
    IReadOnlyList<string> Errors,
    int Height)
{
    /// <summary>A Plotly chart (<c>div.nk-plotly</c>) and the marks each visible trace drew.</summary>
    public sealed record Figure(string Id, string Title, bool Svg, IReadOnlyList<Trace> Traces, IReadOnlyList<string> Problems);

    public sealed record Trace(int Index, string Type, string Name, int Marks);

    /// <summary>A model graph (an <c>svg</c> holding <c>g.layer</c> boxes): its boxes' layer names and its edges as (from, to).</summary>
    public sealed record Graph(string Title, IReadOnlyList<string> Layers, IReadOnlyList<string[]> Edges, IReadOnlyList<string> Problems);

    public sealed record Image(int Index, string Alt, bool NkImage, int Width, int Height, IReadOnlyList<string> Problems);

    /// <summary>Every defect, each naming the element it is about; empty when everything drew.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var figure in Figures)
            foreach (var problem in figure.Problems) yield return $"figure #{figure.Id}{(figure.Title.Length > 0 ? $" \"{figure.Title}\"" : "")}: {problem}";
        foreach (var graph in Graphs)
            foreach (var problem in graph.Problems) yield return $"model graph \"{graph.Title}\": {problem}";
        foreach (var image in Images)
            foreach (var problem in image.Problems) yield return $"image {image.Index} (alt \"{image.Alt}\", {image.Width}x{image.Height}): {problem}";
        if (Fallbacks > 0) yield return $"{Fallbacks} chart(s) show the \"needs plotly.js\" fallback instead of a plot";
        foreach (var request in Requests) yield return $"network request (the page must open offline): {request}";
        foreach (var error in Errors) yield return error;
    }

    /// <summary>A summary for assertion messages: what was checked, then the problems.</summary>
    public string Describe(string page)
    {
        var text = new StringBuilder($"{page}: {Figures.Count} figure(s) with {Figures.Sum(f => f.Traces.Count)} trace(s), ");
        text.Append($"{Graphs.Count} model graph(s), {Images.Count} image(s), {Height} px tall");
        foreach (var problem in Problems()) text.Append("\n  ").Append(problem);
        return text.ToString();
    }
}
