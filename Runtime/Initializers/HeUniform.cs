using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>He uniform: limit sqrt(6 / fan_in)
/// (Keras's <c>HeUniform</c>, "he_uniform"): <see cref="VarianceScaling"/> with scale 2, mode "fan_in", distribution "uniform".</summary>
public sealed class HeUniform : VarianceScaling
{
    public HeUniform(int? seed = null) : base(2f, "fan_in", "uniform", seed)
    {
    }

    public override string ClassName => "HeUniform";

    /// <summary>Only the seed, as Keras: the other arguments are fixed.</summary>
    public override JsonObject GetConfig() => new() { ["seed"] = Seed };

    internal static new HeUniform FromConfig(JsonObject config) => new(config.GetNullableInt("seed", "HeUniform"));
}
