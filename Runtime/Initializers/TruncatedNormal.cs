using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>
/// Normal values with those more than two standard deviations from the mean re-drawn (Keras's <c>TruncatedNormal</c>,
/// "truncated_normal"): every value lies in [mean - 2 stddev, mean + 2 stddev], and their standard deviation is about
/// 0.88 stddev.
/// </summary>
public sealed class TruncatedNormal : RandomInitializer
{
    public TruncatedNormal(float mean = 0f, float stddev = 0.05f, int? seed = null) : base(seed)
    {
        (Mean, Stddev) = RandomNormal.CheckMeanStddev(mean, stddev, "TruncatedNormal");
    }

    /// <summary>The mean of the values.</summary>
    public float Mean { get; }

    /// <summary>The standard deviation of the normal distribution before truncation.</summary>
    public float Stddev { get; }

    public override string ClassName => "TruncatedNormal";

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["mean"] = Mean;
        config["stddev"] = Stddev;
        return config;
    }

    public override Tensor Call(Shape shape, DType dtype = DType.Float32)
    {
        RequireFloat(dtype);
        RequireConcrete(shape);
        return Ops.TruncatedNormal(shape, Mean, Stddev, Generator());
    }

    internal static TruncatedNormal FromConfig(JsonObject config) => new(
        config.GetFloat("mean", 0f, "TruncatedNormal"),
        config.GetFloat("stddev", 0.05f, "TruncatedNormal"),
        config.GetNullableInt("seed", "TruncatedNormal"));
}
