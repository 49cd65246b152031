namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>One-hot encoding of int32 class indices.</summary>
internal static class OneHot
{
    /// <summary>
    /// dst[o, c, i] = 1 where indices[o, i] == c, for indices viewed as [outer, inner] and dst as [outer, classes, inner] (zeroed
    /// by the caller). Indices outside [0, classes) leave their row all zeros, as <c>tf.one_hot</c> does.
    /// </summary>
    public static void Encode(ReadOnlySpan<int> indices, int outer, int inner, int classes, Span<float> dst)
    {
        for (var o = 0; o < outer; o++)
        {
            var block = dst.Slice(o * classes * inner, classes * inner);
            var row = indices.Slice(o * inner, inner);
            for (var i = 0; i < inner; i++)
            {
                var c = row[i];
                if ((uint)c < (uint)classes) block[c * inner + i] = 1f;
            }
        }
    }
}
