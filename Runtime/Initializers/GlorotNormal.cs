using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>Glorot (Xavier) normal: truncated, std sqrt(2 / (fan_in + fan_out))
/// (Keras's <c>GlorotNormal</c>, "glorot_normal"): <see cref="VarianceScaling"/> with scale 1, mode "fan_avg", distribution "truncated_normal".</summary>
public sealed class GlorotNormal : VarianceScaling
{
    public GlorotNormal(int? seed = null) : base(1f, "fan_avg", "truncated_normal", seed)
    {
    }

    public override string ClassName => "GlorotNormal";

    /// <summary>Only the seed, as Keras: the other arguments are fixed.</summary>
    public override JsonObject GetConfig() => new() { ["seed"] = Seed };

    internal static new GlorotNormal FromConfig(JsonObject config) => new(config.GetNullableInt("seed", "GlorotNormal"));
}
