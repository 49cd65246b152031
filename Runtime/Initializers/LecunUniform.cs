using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>LeCun uniform: limit sqrt(3 / fan_in)
/// (Keras's <c>LecunUniform</c>, "lecun_uniform"): <see cref="VarianceScaling"/> with scale 1, mode "fan_in", distribution "uniform".</summary>
public sealed class LecunUniform : VarianceScaling
{
    public LecunUniform(int? seed = null) : base(1f, "fan_in", "uniform", seed)
    {
    }

    public override string ClassName => "LecunUniform";

    /// <summary>Only the seed, as Keras: the other arguments are fixed.</summary>
    public override JsonObject GetConfig() => new() { ["seed"] = Seed };

    internal static new LecunUniform FromConfig(JsonObject config) => new(config.GetNullableInt("seed", "LecunUniform"));
}
