using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>He normal: truncated, std sqrt(2 / fan_in)
/// (Keras's <c>HeNormal</c>, "he_normal"): <see cref="VarianceScaling"/> with scale 2, mode "fan_in", distribution "truncated_normal".</summary>
public sealed class HeNormal : VarianceScaling
{
    public HeNormal(int? seed = null) : base(2f, "fan_in", "truncated_normal", seed)
    {
    }

    public override string ClassName => "HeNormal";

    /// <summary>Only the seed, as Keras: the other arguments are fixed.</summary>
    public override JsonObject GetConfig() => new() { ["seed"] = Seed };

    internal static new HeNormal FromConfig(JsonObject config) => new(config.GetNullableInt("seed", "HeNormal"));
}
