using System.Text.Json.Nodes;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>
/// An initializer that draws random values. With an integer <see cref="Seed"/> every call gives the same values (Keras 3's
/// integer seeds: two layers with <c>GlorotUniform(seed: 1)</c> and equal shapes start equal); without one, every call draws
/// fresh values from the global generator, which <see cref="SeedGenerator.SetGlobalSeed"/> makes reproducible.
/// </summary>
public abstract class RandomInitializer : Initializer
{
    private protected RandomInitializer(int? seed)
    {
        Seed = seed;
    }

    /// <summary>The integer seed, or null for fresh values at every call.</summary>
    public int? Seed { get; }

    /// <summary>Keras's config: <c>{"seed": ...}</c>; subclasses add their arguments.</summary>
    public override JsonObject GetConfig() => new() { ["seed"] = Seed };

    /// <summary>The generator for one call: a new one from the seed (so each call replays it), or null for the global one.</summary>
    private protected SeedGenerator? Generator() => Seed is { } seed ? new SeedGenerator(seed) : null;
}
