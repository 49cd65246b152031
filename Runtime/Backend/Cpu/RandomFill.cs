using System.Numerics.Tensors;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Fills spans with random numbers of a distribution from a <see cref="RandomStream"/>, in parallel over fixed ranges of blocks
/// (so the output is the same for any thread count). Uniform, Bernoulli and permutation results are bit-identical on every
/// platform. Normals are computed with double-precision log, sqrt, sin and cos and then rounded to float32, so a platform whose
/// double functions differ in the last bit could, very rarely, round a value differently.
/// </summary>
internal static class RandomFill
{
    private const int ElementsPerTask = 16_384;
    private const double TwoPow32 = 4294967296.0;

    /// <summary>Uniform in [min, max): the top 24 bits of each word give k / 2^24, then min + (max - min) * u.</summary>
    public static void Uniform(Span<float> dst, RandomStream stream, float min, float max)
    {
        var range = max - min;
        // Rounding of min + range * u can reach max itself; the largest float below max keeps the interval half-open.
        var below = max > min ? MathF.BitDecrement(max) : max;
        ForEachTask(dst, 4, (chunk, firstBlock) =>
        {
            FillUnitInterval(chunk, firstBlock, stream);
            TensorPrimitives.Multiply(chunk, range, chunk);
            TensorPrimitives.Add(chunk, min, chunk);
            TensorPrimitives.Min(chunk, below, chunk);
        });
    }

    /// <summary>
    /// Normal(mean, stddev) by the Box-Muller transform: words (w0, w1) of a block give u1 = (w0 + 1) / 2^32 in (0, 1] and
    /// u2 = w1 / 2^32, then r = sqrt(-2 ln u1) and values r cos(2 pi u2), r sin(2 pi u2); words (w2, w3) likewise.
    /// </summary>
    public static void Normal(Span<float> dst, RandomStream stream, float mean, float stddev) =>
        ForEachTask(dst, 40, (chunk, firstBlock) =>
        {
            Span<double> z = stackalloc double[4];
            for (var b = 0; b * 4 < chunk.Length; b++)
            {
                StandardNormals(stream.Block((uint)(firstBlock + b)), z);
                var part = chunk.Slice(b * 4, Math.Min(4, chunk.Length - b * 4));
                for (var j = 0; j < part.Length; j++) part[j] = (float)(mean + stddev * z[j]);
            }
        });

    /// <summary>
    /// Normal(mean, stddev) with values beyond two standard deviations re-drawn (Keras's truncated_normal): lane j of block b
    /// takes normal j of attempt 0, 1, 2, ... of that block (the attempt in the counter's second word) until it lies in [-2, 2].
    /// </summary>
    public static void TruncatedNormal(Span<float> dst, RandomStream stream, float mean, float stddev) =>
        ForEachTask(dst, 48, (chunk, firstBlock) =>
        {
            Span<double> z = stackalloc double[4];
            Span<double> accepted = stackalloc double[4];
            for (var b = 0; b * 4 < chunk.Length; b++)
            {
                var part = chunk.Slice(b * 4, Math.Min(4, chunk.Length - b * 4));
                var pending = (1 << part.Length) - 1;
                for (uint attempt = 0; pending != 0; attempt++)
                {
                    StandardNormals(stream.Block((uint)(firstBlock + b), attempt), z);
                    for (var j = 0; j < part.Length; j++)
                    {
                        if ((pending & (1 << j)) != 0 && Math.Abs(z[j]) <= 2.0)
                        {
                            accepted[j] = z[j];
                            pending &= ~(1 << j);
                        }
                    }
                }
                for (var j = 0; j < part.Length; j++) part[j] = (float)(mean + stddev * accepted[j]);
            }
        });

    /// <summary>
    /// <paramref name="value"/> with probability p, else 0: value where u &lt; p for the uniform u = k / 2^24 of
    /// <see cref="Uniform"/> (so P = ceil(p 2^24) / 2^24), compared and scaled with vector kernels.
    /// </summary>
    public static void Bernoulli(Span<float> dst, RandomStream stream, float p, float value) =>
        ForEachTask(dst, 4, (chunk, firstBlock) =>
        {
            FillUnitInterval(chunk, firstBlock, stream);
            ComparisonOperator<LessComparison>.Apply(chunk, p, chunk);
            TensorPrimitives.Multiply(chunk, value, chunk);
        });

    /// <summary>A uniformly random permutation of 0..n-1 (Fisher-Yates, drawing from the stream's words in order).</summary>
    public static void Permutation(Span<int> dst, RandomStream stream)
    {
        for (var i = 0; i < dst.Length; i++) dst[i] = i;
        var reader = stream.Read();
        for (var i = dst.Length - 1; i > 0; i--)
        {
            var j = (int)reader.NextBelow((uint)i + 1);
            (dst[i], dst[j]) = (dst[j], dst[i]);
        }
    }

    private static void StandardNormals((uint X0, uint X1, uint X2, uint X3) words, Span<double> z)
    {
        BoxMuller(words.X0, words.X1, out z[0], out z[1]);
        BoxMuller(words.X2, words.X3, out z[2], out z[3]);
    }

    private static void BoxMuller(uint a, uint b, out double z0, out double z1)
    {
        var r = Math.Sqrt(-2.0 * Math.Log((a + 1.0) / TwoPow32));
        var (sin, cos) = Math.SinCos(2.0 * Math.PI * (b / TwoPow32));
        z0 = r * cos;
        z1 = r * sin;
    }

    // One value k / 2^24 per word (its top 24 bits): exactly representable and uniform on [0, 1); four words per block.
    private static void FillUnitInterval(Span<float> chunk, int firstBlock, RandomStream stream)
    {
        const float scale = 1f / 16_777_216f;
        var full = chunk.Length / 4;
        for (var b = 0; b < full; b++)
        {
            var (w0, w1, w2, w3) = stream.Block((uint)(firstBlock + b));
            var part = chunk.Slice(b * 4, 4);
            part[3] = (w3 >> 8) * scale;
            part[2] = (w2 >> 8) * scale;
            part[1] = (w1 >> 8) * scale;
            part[0] = (w0 >> 8) * scale;
        }
        if (full * 4 == chunk.Length) return;
        var (x0, x1, x2, _) = stream.Block((uint)(firstBlock + full));
        var tail = chunk[(full * 4)..];
        tail[0] = (x0 >> 8) * scale;
        if (tail.Length > 1) tail[1] = (x1 >> 8) * scale;
        if (tail.Length > 2) tail[2] = (x2 >> 8) * scale;
    }

    private delegate void ChunkFiller(Span<float> chunk, int firstBlock);

    // Fixed chunks of ElementsPerTask (a multiple of 4) so block numbering is independent of how tasks map to threads.
    private static unsafe void ForEachTask(Span<float> dst, int costPerElement, ChunkFiller fill)
    {
        var n = dst.Length;
        if (n == 0) return;
        fixed (float* pd = dst)
        {
            var d = (nint)pd;
            CpuParallel.For((n + ElementsPerTask - 1) / ElementsPerTask, ElementsPerTask * costPerElement, (t0, t1) =>
            {
                for (var t = t0; t < t1; t++)
                {
                    var start = t * ElementsPerTask;
                    fill(new Span<float>((float*)d + start, Math.Min(ElementsPerTask, n - start)), start / 4);
                }
            });
        }
    }
}
