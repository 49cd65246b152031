using System.Numerics;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// The bias and relu that follow a convolution, applied on its output rows (pixels x filters) while they are in hand, and
/// their backward: one pass instead of a broadcast add and an activation, each with its own full-size tensor.
/// </summary>
internal static unsafe class ConvolutionEpilogue
{
    /// <summary>y = relu?(y + bias) in place, y holding rows of bias.Length (or any length when bias is empty and relu is set).</summary>
    public static void Forward(Span<float> y, ReadOnlySpan<float> bias, bool relu, int channels)
    {
        if (y.IsEmpty || (bias.IsEmpty && !relu)) return;
        var rows = y.Length / channels;
        fixed (float* py = y, pb = bias)
        {
            var (sy, sb, hasBias) = ((nint)py, (nint)pb, !bias.IsEmpty);
            CpuParallel.For(rows, channels, (start, end) =>
            {
                for (var r = start; r < end; r++) Row((float*)sy + (long)r * channels, hasBias ? (float*)sb : null, relu, channels);
            });
        }
    }

    private static void Row(float* y, float* bias, bool relu, int n)
    {
        var i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
        {
            var v = Vector.Load(y + i);
            if (bias != null) v += Vector.Load(bias + i);
            if (relu) v = Vector.Max(v, Vector<float>.Zero);
            v.Store(y + i);
        }
        for (; i < n; i++)
        {
            var v = y[i] + (bias != null ? bias[i] : 0f);
            y[i] = relu ? MathF.Max(v, 0f) : v;
        }
    }

    /// <summary>
    /// dz = dy where relu let y through (y &gt; 0), else 0 (dz = dy without relu; dz may be dy itself), and dBias = the sum of dz
    /// over the rows (skipped when empty). Threads sum their own rows into partials, added at the end.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> y, bool relu, Span<float> dz, Span<float> dBias, int channels)
    {
        var rows = dy.Length / channels;
        var parts = Math.Clamp(Math.Min(CpuParallel.Threads, rows / 64), 1, 64);
        var partials = dBias.IsEmpty || parts == 1 ? null : new float[(parts - 1) * channels];
        dBias.Clear();
        fixed (float* pdy = dy, py = y, pdz = dz, pdb = dBias, pp = partials)
        {
            var (sdy, sy, sdz, sdb, sp) = ((nint)pdy, (nint)py, (nint)pdz, (nint)pdb, (nint)pp);
            var (share, wantBias) = ((rows + parts - 1) / parts, !dBias.IsEmpty);
            CpuParallel.For(parts, share * channels, (start, end) =>
            {
                for (var part = start; part < end; part++)
                {
                    var sum = !wantBias ? null : part == 0 ? (float*)sdb : (float*)sp + (long)(part - 1) * channels;
                    for (var r = part * share; r < Math.Min(rows, (part + 1) * share); r++)
                    {
                        var offset = (long)r * channels;
                        BackwardRow((float*)sdy + offset, (float*)sy + offset, relu, (float*)sdz + offset, sum, channels);
                    }
                }
            });
        }
        for (var part = 1; part < parts && partials is not null; part++)
            System.Numerics.Tensors.TensorPrimitives.Add(dBias, partials.AsSpan((part - 1) * channels, channels), dBias);
    }

    private static void BackwardRow(float* dy, float* y, bool relu, float* dz, float* sum, int n)
    {
        var i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
        {
            var d = Vector.Load(dy + i);
            if (relu) d = Vector.ConditionalSelect(Vector.GreaterThan(Vector.Load(y + i), Vector<float>.Zero), d, Vector<float>.Zero);
            d.Store(dz + i);
            if (sum != null) (Vector.Load(sum + i) + d).Store(sum + i);
        }
        for (; i < n; i++)
        {
            var d = relu && !(y[i] > 0f) ? 0f : dy[i];
            dz[i] = d;
            if (sum != null) sum[i] += d;
        }
    }
}
