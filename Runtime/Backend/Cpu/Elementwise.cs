namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>Runs a unary operator over a span, in parallel chunks for large inputs.</summary>
internal static class Elementwise
{
    private const int Block = 65_536;

    public static unsafe void Map<TOp>(ReadOnlySpan<float> x, Span<float> y) where TOp : struct, IUnaryOperator
    {
        if (y.Length <= Block * 2)
        {
            TOp.Apply(x, y);
            return;
        }
        fixed (float* px = x, py = y)
        {
            var (ax, ay, n) = ((nint)px, (nint)py, y.Length);
            CpuParallel.For((n + Block - 1) / Block, Block, (s, e) =>
            {
                for (var b = s; b < e; b++)
                {
                    var start = b * Block;
                    var len = Math.Min(Block, n - start);
                    TOp.Apply(new ReadOnlySpan<float>((float*)ax + start, len), new Span<float>((float*)ay + start, len));
                }
            });
        }
    }
}
