using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Visualizers.Images;

/// <summary>An 8-bit image ready to encode: gray (1 channel), RGB (3) or RGBA (4) pixels, rows top to bottom.</summary>
internal sealed class Raster
{
    public Raster(byte[] pixels, int width, int height, int channels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (channels is not (1 or 3 or 4))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "An image has 1 (gray), 3 (RGB) or 4 (RGBA) channels.");
        if (width < 1 || height < 1 || pixels.Length != width * height * channels)
            throw new ArgumentException($"Expected {width}x{height}x{channels} = {width * height * channels} pixel bytes, got {pixels.Length}.", nameof(pixels));
        Pixels = pixels;
        Width = width;
        Height = height;
        Channels = channels;
    }

    public byte[] Pixels { get; }

    public int Width { get; }

    public int Height { get; }

    public int Channels { get; }

    /// <summary>
    /// An image of channels-last values [height, width, channels], normalised by their min and max: one channel through
    /// <paramref name="map"/>, 3 or 4 channels as RGB(A) normalised together.
    /// </summary>
    public static Raster FromValues(ReadOnlySpan<float> values, int height, int width, int channels, ColorMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (values.Length != height * width * channels)
            throw new ArgumentException($"Expected {height}x{width}x{channels} values, got {values.Length}.", nameof(values));
        var levels = ColorMap.Levels(values);
        if (channels != 1 || map.IsGray) return new Raster(levels, width, height, channels);
        var rgb = new byte[levels.Length * 3];
        for (var i = 0; i < levels.Length; i++) map[levels[i]].CopyTo(rgb.AsSpan(3 * i, 3));
        return new Raster(rgb, width, height, 3);
    }

    /// <summary>Channel <paramref name="channel"/> of channels-last values [height, width, channels] as a one-channel image.</summary>
    public static Raster FromChannel(ReadOnlySpan<float> values, int height, int width, int channels, int channel, ColorMap map)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, channels);
        var plane = new float[height * width];
        for (var i = 0; i < plane.Length; i++) plane[i] = values[i * channels + channel];
        return FromValues(plane, height, width, 1, map);
    }

    /// <summary>
    /// The first <paramref name="count"/> images of a batch [n, height, width] or [n, height, width, channels] (1, 3 or 4
    /// channels), each normalised by its own min and max. Only those images are read, so a whole data set can be passed.
    /// </summary>
    public static IReadOnlyList<Raster> FromBatch(Tensor images, int count, ColorMap map, string argument)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (!IsBatch(images.Shape))
            throw new ArgumentException($"{argument} must have shape (n, height, width) or (n, height, width, channels) with 1, 3 or 4 channels; got {images.Shape}.", argument);
        count = Math.Min(count, images.Shape[0]);
        int height = images.Shape[1], width = images.Shape[2], channels = images.Rank == 4 ? images.Shape[3] : 1;
        var values = images.Batch(0, count).ToArray();
        var size = height * width * channels;
        var rasters = new Raster[count];
        for (var i = 0; i < count; i++) rasters[i] = FromValues(values.AsSpan(i * size, size), height, width, channels, map);
        return rasters;
    }

    /// <summary>Whether <paramref name="shape"/> is a batch of images as <see cref="FromBatch"/> takes them.</summary>
    public static bool IsBatch(Shape shape) =>
        (shape.Rank == 3 || (shape.Rank == 4 && shape[3] is 1 or 3 or 4)) && shape[1] > 0 && shape[2] > 0;

    public byte[] ToPng() => PngEncoder.Encode(Pixels, Width, Height, Channels);

    /// <summary>The PNG as a <c>data:</c> URI, for an <c>&lt;img src&gt;</c> that needs no file or server.</summary>
    public string ToDataUri() => "data:image/png;base64," + Convert.ToBase64String(ToPng());
}
