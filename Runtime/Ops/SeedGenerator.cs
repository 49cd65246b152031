using NotebookKeras.Runtime.Backend.Cpu;

namespace NotebookKeras.Runtime;

/// <summary>
/// The state of a random stream, as Keras's <c>keras.random.SeedGenerator</c>. Every random op given a generator takes the
/// generator's next draw, so successive calls give different numbers, and a generator re-created with the same seed replays the
/// same sequence. An <c>int</c> converts implicitly to a new generator: <c>seed: 42</c> gives the same numbers at every call,
/// as Keras's integer seeds. Without a seed, ops draw from a global generator, which <see cref="SetGlobalSeed"/> makes
/// reproducible (Keras's <c>keras.utils.set_random_seed</c>).
/// </summary>
/// <remarks>
/// The numbers are defined independently of .NET's System.Random, the thread count and the platform: the key is
/// SplitMix64(seed) and draw n (0, 1, 2, ...) of a generator uses Philox4x32-10 counters (block, attempt, n low word, n high
/// word) under that key; element i of a draw comes from word i % 4 of block i / 4 (see <c>RandomFill</c> for each distribution).
/// </remarks>
public sealed class SeedGenerator
{
    private static SeedGenerator s_global = new(System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue));

    private readonly ulong _key;
    private long _draws;

    /// <summary>A generator with <paramref name="seed"/>; null takes a seed from the global generator.</summary>
    public SeedGenerator(int? seed = null)
    {
        Seed = seed ?? Global.DrawSeed();
        _key = SplitMix64((ulong)(long)Seed);
    }

    /// <summary>The seed this generator started from.</summary>
    public int Seed { get; }

    /// <summary>A new generator seeded with <paramref name="seed"/>: the same numbers at every call that uses it once.</summary>
    public static implicit operator SeedGenerator(int seed) => new(seed);

    /// <summary>Reseeds the global generator that unseeded random ops and unseeded generators draw from.</summary>
    public static void SetGlobalSeed(int seed) => Volatile.Write(ref s_global, new SeedGenerator(seed));

    public override string ToString() => $"<SeedGenerator seed={Seed}>";

    internal static SeedGenerator Global => Volatile.Read(ref s_global);

    /// <summary>The stream for the next random op: <paramref name="seed"/>'s next draw, or the global generator's.</summary>
    internal static RandomStream Draw(SeedGenerator? seed) => (seed ?? Global).Next();

    /// <summary>The next, never repeated, stream of this generator (thread-safe).</summary>
    internal RandomStream Next() => new(_key, (ulong)(Interlocked.Increment(ref _draws) - 1));

    private int DrawSeed() => (int)(Next().Block(0).X0 & int.MaxValue);

    // Spreads nearby seeds over the whole key space (Steele, Lea and Flood's SplitMix64 finalizer).
    private static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
