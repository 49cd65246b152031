namespace NotebookKeras.Visualizers.Images;

/// <summary>
/// Maps values to colours as matplotlib's <c>imshow</c> does: values are first normalised by their own min and max to 256
/// levels, then looked up in the map (gray, or viridis for heatmaps such as feature maps).
/// </summary>
internal sealed class ColorMap
{
    // viridis at 9 evenly spaced stops (matplotlib's colour map), interpolated linearly between them.
    private static readonly uint[] ViridisStops =
        [0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21908C, 0x27AD81, 0x5DC863, 0xAADC32, 0xFDE725];

    private readonly byte[] _rgb; // 256 entries of R, G, B

    private ColorMap(string name, byte[] rgb)
    {
        Name = name;
        _rgb = rgb;
    }

    /// <summary>Black (the minimum) to white (the maximum); encoded as a one-channel PNG.</summary>
    public static ColorMap Gray { get; } = new("gray", BuildGray());

    /// <summary>Dark purple (the minimum) through teal to yellow (the maximum).</summary>
    public static ColorMap Viridis { get; } = new("viridis", BuildViridis());

    public string Name { get; }

    public bool IsGray => ReferenceEquals(this, Gray);

    /// <summary>The colour of <paramref name="level"/> (0..255) as R, G, B.</summary>
    public ReadOnlySpan<byte> this[byte level] => _rgb.AsSpan(level * 3, 3);

    /// <summary>
    /// Each value's level 0..255 between the min and the max of <paramref name="values"/> (NaN and infinities ignored for the range
    /// and drawn as 0); a constant input is all 0.
    /// </summary>
    public static byte[] Levels(ReadOnlySpan<float> values)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (var v in values)
        {
            if (!float.IsFinite(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        var levels = new byte[values.Length];
        if (!(max > min)) return levels;
        var scale = 255.0 / (max - min);
        for (var i = 0; i < values.Length; i++)
            levels[i] = float.IsFinite(values[i]) ? (byte)Math.Round((values[i] - min) * scale) : (byte)0;
        return levels;
    }

    private static byte[] BuildGray()
    {
        var rgb = new byte[256 * 3];
        for (var i = 0; i < 256; i++) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = (byte)i;
        return rgb;
    }

    private static byte[] BuildViridis()
    {
        var rgb = new byte[256 * 3];
        var segments = ViridisStops.Length - 1;
        for (var i = 0; i < 256; i++)
        {
            var position = i / 255.0 * segments;
            var k = Math.Min((int)position, segments - 1);
            var t = position - k;
            for (var channel = 0; channel < 3; channel++)
            {
                var shift = 16 - 8 * channel;
                var a = (ViridisStops[k] >> shift) & 0xFF;
                var b = (ViridisStops[k + 1] >> shift) & 0xFF;
                rgb[3 * i + channel] = (byte)Math.Round(a + (b - (double)a) * t);
            }
        }
        return rgb;
    }
}
