namespace NotebookKeras.Kernel.Jupyter;

/// <summary>Jupyter positions count Unicode code points; .NET strings count UTF-16 code units. Converts between them.</summary>
internal static class CodePoints
{
    public static int ToUtf16Index(string text, int codePoints)
    {
        var index = 0;
        for (var seen = 0; seen < codePoints && index < text.Length; seen++)
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length ? 2 : 1;
        return index;
    }

    public static int FromUtf16Index(string text, int index)
    {
        var count = 0;
        for (var i = 0; i < Math.Min(index, text.Length); i++)
        {
            if (!char.IsLowSurrogate(text[i])) count++;
        }
        return count;
    }
}
