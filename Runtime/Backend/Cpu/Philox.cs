namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Philox4x32-10 (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC 2011), the counter-based
/// generator of TensorFlow and cuRAND: a keyed bijection of a 128-bit counter into four 32-bit words. Any element of a stream is
/// computed from its counter alone, so streams fill in parallel and never depend on the thread count. The algorithm is fixed
/// (unlike System.Random's), and the tests check Random123's published known-answer vectors.
/// </summary>
internal static class Philox
{
    private const uint M0 = 0xD2511F53, M1 = 0xCD9E8D57;
    private const uint W0 = 0x9E3779B9, W1 = 0xBB67AE85; // key schedule: golden ratio, sqrt(3) - 1

    /// <summary>The four output words for counter (c0, c1, c2, c3) under key (k0, k1).</summary>
    public static (uint X0, uint X1, uint X2, uint X3) Generate(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (var round = 0; round < 10; round++)
        {
            if (round > 0)
            {
                k0 += W0;
                k1 += W1;
            }
            var p0 = (ulong)M0 * c0;
            var p1 = (ulong)M1 * c2;
            (c0, c1, c2, c3) = ((uint)(p1 >> 32) ^ c1 ^ k0, (uint)p1, (uint)(p0 >> 32) ^ c3 ^ k1, (uint)p0);
        }
        return (c0, c1, c2, c3);
    }
}

/// <summary>
/// One draw of random numbers: block b of attempt a yields the Philox words of counter (b, a, stream low, stream high) under
/// key (key low, key high). Element i of a fill uses word i % 4 of block i / 4; attempts > 0 only serve rejection sampling.
/// </summary>
internal readonly record struct RandomStream(ulong Key, ulong Stream)
{
    public (uint X0, uint X1, uint X2, uint X3) Block(uint block, uint attempt = 0) =>
        Philox.Generate(block, attempt, (uint)Stream, (uint)(Stream >> 32), (uint)Key, (uint)(Key >> 32));

    /// <summary>Reads the words of blocks 0, 1, 2, ... in order (for sequential algorithms such as shuffling).</summary>
    public Reader Read() => new(this);

    internal struct Reader(RandomStream stream)
    {
        private (uint X0, uint X1, uint X2, uint X3) _words;
        private uint _block;
        private int _used = 4;

        public uint NextUInt32()
        {
            if (_used == 4)
            {
                _words = stream.Block(_block++);
                _used = 0;
            }
            return _used++ switch
            {
                0 => _words.X0,
                1 => _words.X1,
                2 => _words.X2,
                _ => _words.X3,
            };
        }

        /// <summary>Uniform in [0, n) without modulo bias (Lemire's multiply-and-reject).</summary>
        public uint NextBelow(uint n)
        {
            var m = (ulong)NextUInt32() * n;
            if ((uint)m < n)
            {
                var threshold = (0u - n) % n;
                while ((uint)m < threshold) m = (ulong)NextUInt32() * n;
            }
            return (uint)(m >> 32);
        }
    }
}
