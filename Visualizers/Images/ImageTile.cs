namespace NotebookKeras.Visualizers.Images;

/// <summary>One image of an <see cref="ImageGrid"/>: its title and an optional second line, drawn in red when it flags a mistake
/// (a wrong prediction).</summary>
internal sealed record ImageTile(Raster Image, string Title, string? Caption = null, bool Wrong = false);
