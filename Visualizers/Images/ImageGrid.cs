using System.Globalization;
using System.Net;
using System.Text;
using NotebookKeras.Runtime;
using NotebookKeras.Runtime.IO;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Visualizers.Images;

/// <summary>
/// A grid of titled images drawn as inline PNGs (<c>data:</c> URIs, so they show offline and in saved notebooks): samples of a
/// data set with their labels and predictions (<see cref="Plot"/>), feature maps (<see cref="FeatureMaps"/>), convolution
/// kernels (<see cref="KernelGrid"/>). Small images are enlarged with square pixels.
/// </summary>
public sealed class ImageGrid : Visual
{
    // Images are enlarged by a whole factor to about this many pixels on their longer side, and strips to at least MinSide tall.
    private const int TargetSide = 96;
    private const int MinSide = 16;

    private const string Style =
        "<style>.nk-images{font:12px system-ui,sans-serif;margin:4px 0}.nk-images .nk-images-heading{font-weight:600;margin-bottom:6px}" +
        ".nk-images .nk-lead{display:flex;gap:20px;align-items:flex-start}.nk-images .nk-tiles{display:grid;gap:8px 10px;align-items:end}.nk-images figure{margin:0;text-align:center}" +
        ".nk-images img.nk-image{display:block;margin:0 auto;image-rendering:pixelated;border:1px solid #ddd}" +
        ".nk-images figcaption{margin-top:2px;line-height:1.25}.nk-images .nk-wrong{color:#d00;font-weight:600}</style>";

    private readonly string _text;

    internal ImageGrid(string heading, IReadOnlyList<ImageTile> tiles, int columns, string text, ImageTile? lead = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        Heading = heading;
        Lead = lead;
        Tiles = tiles;
        Columns = columns;
        _text = text;
    }

    /// <summary>The line above the images (also the first line of <see cref="ToText"/>).</summary>
    public string Heading { get; }

    /// <summary>The number of images in the grid.</summary>
    public int Count => Tiles.Count;

    /// <summary>Images per row.</summary>
    public int Columns { get; }

    internal IReadOnlyList<ImageTile> Tiles { get; }

    /// <summary>An image shown left of the grid and not counted in it (the input next to its feature maps).</summary>
    internal ImageTile? Lead { get; }

    /// <summary>
    /// Samples of a data set, as <c>plt.imshow</c> grids in Keras tutorials: <paramref name="images"/> of shape (n, height, width)
    /// or (n, height, width, channels) with 1 or 3 channels (any range: each image is normalised by its min and max), titled by
    /// <paramref name="labels"/> and, under them, <paramref name="predictions"/> (red when they differ from the label). Labels and
    /// predictions are class ids (n), one-hot or probabilities (n, classes) taken by argmax, or a sigmoid output (n, 1) taken at
    /// 0.5; <paramref name="classNames"/> names the classes.
    /// </summary>
    public static ImageGrid Plot(Tensor images, Tensor? labels = null, Tensor? predictions = null, IReadOnlyList<string>? classNames = null,
        int columns = 8, int maxImages = 32)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxImages, 1);
        var rasters = Raster.FromBatch(images, maxImages, ColorMap.Gray, nameof(images));
        var n = images.Shape[0];
        var trueIds = labels is null ? null : ClassIds(labels, n, nameof(labels));
        var predictedIds = predictions is null ? null : ClassIds(predictions, n, nameof(predictions));

        var tiles = new List<ImageTile>(rasters.Count);
        var lines = new StringBuilder();
        var wrong = 0;
        for (var i = 0; i < rasters.Count; i++)
        {
            var index = "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var truth = trueIds is null ? null : ClassName(trueIds[i], classNames, nameof(labels));
            var predicted = predictedIds is null ? null : ClassName(predictedIds[i], classNames, nameof(predictions));
            var isWrong = trueIds is not null && predictedIds is not null && trueIds[i] != predictedIds[i];
            if (isWrong) wrong++;
            tiles.Add(new ImageTile(rasters[i], truth ?? (predicted is null ? index : ""), predicted is null ? null : "pred: " + predicted, isWrong));
            if (truth is null && predicted is null) continue;
            lines.Append("\n  ").Append(index);
            if (truth is not null) lines.Append(' ').Append(truth);
            if (predicted is not null) lines.Append(" (predicted ").Append(predicted).Append(isWrong ? ", wrong)" : ")");
        }

        var shape = images.Shape;
        var kind = images.Rank == 4 && shape[3] == 3 ? "RGB" : images.Rank == 4 && shape[3] == 4 ? "RGBA" : "gray";
        var heading = string.Create(CultureInfo.InvariantCulture, $"Images {shape[1]}x{shape[2]} {kind}: showing {rasters.Count} of {n}");
        if (trueIds is not null && predictedIds is not null)
            heading += string.Create(CultureInfo.InvariantCulture, $", {wrong} misclassified");
        return new ImageGrid(heading, tiles, columns, heading + lines);
    }

    public override string ToHtml(HtmlPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var html = new StringBuilder("<div class=\"nk-images\">").Append(Style);
        if (Heading.Length > 0) html.Append("<div class=\"nk-images-heading\">").Append(WebUtility.HtmlEncode(Heading)).Append("</div>");
        if (Lead is not null) html.Append("<div class=\"nk-lead\">");
        if (Lead is not null) AppendTile(html, Lead);
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"nk-tiles\" style=\"grid-template-columns:repeat({Math.Min(Columns, Math.Max(1, Count))},max-content)\">");
        foreach (var tile in Tiles) AppendTile(html, tile);
        html.Append("</div>");
        if (Lead is not null) html.Append("</div>");
        return html.Append("</div>").ToString();
    }

    private static void AppendTile(StringBuilder html, ImageTile tile)
    {
        var image = tile.Image;
        var scale = Math.Max(1, TargetSide / Math.Max(image.Width, image.Height));
        var width = image.Width * scale;
        var height = Math.Max(image.Height * scale, MinSide);
        var title = WebUtility.HtmlEncode(tile.Title);
        html.Append("<figure class=\"nk-tile\"><img class=\"nk-image\" src=\"").Append(image.ToDataUri())
            .Append(CultureInfo.InvariantCulture, $"\" width=\"{width}\" height=\"{height}\" alt=\"{title}\">");
        var lines = new List<string>(2);
        if (title.Length > 0) lines.Add(title);
        if (tile.Caption is { } caption) lines.Add((tile.Wrong ? "<span class=\"nk-wrong\">" : "<span>") + WebUtility.HtmlEncode(caption) + "</span>");
        if (lines.Count > 0) html.Append("<figcaption>").AppendJoin("<br>", lines).Append("</figcaption>");
        html.Append("</figure>");
    }

    public override string ToText() => _text;

    /// <summary>Writes the grid: <c>.png</c> as the image itself when the grid holds one, anything else as an HTML page.</summary>
    public override void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!string.Equals(Path.GetExtension(path), ".png", StringComparison.OrdinalIgnoreCase))
        {
            base.Save(path);
            return;
        }
        if (Count != 1)
            throw new ArgumentException($"A .png file holds one image and this grid has {Count}; save it as .html instead.", nameof(path));
        var png = Tiles[0].Image.ToPng();
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    // Class ids of n samples: ids (n), a sigmoid output (n, 1) taken at 0.5, or scores (n, classes) taken by argmax.
    private static int[] ClassIds(Tensor values, int n, string argument)
    {
        if (values.Rank == 0 || values.Shape[0] != n || values.Rank > 2)
            throw new ArgumentException($"{argument} must have shape ({n},), ({n}, 1) or ({n}, classes), one row per image; got {values.Shape}.", argument);
        if (values.Rank == 2 && values.Shape[1] > 1) return Ops.ArgMax(values, axis: 1).ToIntArray();
        var flat = values.ToArray();
        var sigmoid = values.Rank == 2 && values.DType == DType.Float32 && flat.All(v => v is >= 0f and <= 1f);
        return flat.Select(v => sigmoid ? (v >= 0.5f ? 1 : 0) : (int)MathF.Round(v)).ToArray();
    }

    private static string ClassName(int id, IReadOnlyList<string>? classNames, string argument)
    {
        if (classNames is null) return id.ToString(CultureInfo.InvariantCulture);
        return id >= 0 && id < classNames.Count
            ? classNames[id]
            : throw new ArgumentException($"{argument} holds class {id}, but classNames has {classNames.Count} names (0..{classNames.Count - 1}).", argument);
    }
}
