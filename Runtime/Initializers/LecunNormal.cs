using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>LeCun normal: truncated, std sqrt(1 / fan_in)
/// (Keras's <c>LecunNormal</c>, "lecun_normal"): <see cref="VarianceScaling"/> with scale 1, mode "fan_in", distribution "truncated_normal".</summary>
public sealed class LecunNormal : VarianceScaling
{
    public LecunNormal(int? seed = null) : base(1f, "fan_in", "truncated_normal", seed)
    {
    }

    public override string ClassName => "LecunNormal";

    /// <summary>Only the seed, as Keras: the other arguments are fixed.</summary>
    public override JsonObject GetConfig() => new() { ["seed"] = Seed };

    internal static new LecunNormal FromConfig(JsonObject config) => new(config.GetNullableInt("seed", "LecunNormal"));
}
