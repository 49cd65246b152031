using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>Glorot (Xavier) uniform: limit sqrt(6 / (fan_in + fan_out)); the default for kernels
/// (Keras's <c>GlorotUniform</c>, "glorot_uniform"): <see cref="VarianceScaling"/> with scale 1, mode "fan_avg", distribution "uniform".</summary>
public sealed class GlorotUniform : VarianceScaling
{
    public GlorotUniform(int? seed = null) : base(1f, "fan_avg", "uniform", seed)
    {
    }

    public override string ClassName => "GlorotUniform";

    /// <summary>Only the seed, as Keras: the other arguments are fixed.</summary>
    public override JsonObject GetConfig() => new() { ["seed"] = Seed };

    internal static new GlorotUniform FromConfig(JsonObject config) => new(config.GetNullableInt("seed", "GlorotUniform"));
}
