using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>Normally distributed values (Keras's <c>RandomNormal</c>, "random_normal", "normal").</summary>
public sealed class RandomNormal : RandomInitializer
{
    public RandomNormal(float mean = 0f, float stddev = 0.05f, int? seed = null) : base(seed)
    {
        (Mean, Stddev) = CheckMeanStddev(mean, stddev, "RandomNormal");
    }

    /// <summary>The mean of the values.</summary>
    public float Mean { get; }

    /// <summary>The standard deviation of the values.</summary>
    public float Stddev { get; }

    public override string ClassName => "RandomNormal";

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
        return Ops.RandomNormal(shape, Mean, Stddev, Generator());
    }

    internal static RandomNormal FromConfig(JsonObject config) => new(
        config.GetFloat("mean", 0f, "RandomNormal"),
        config.GetFloat("stddev", 0.05f, "RandomNormal"),
        config.GetNullableInt("seed", "RandomNormal"));

    /// <summary>Checks a finite mean and a finite, non-negative stddev (shared with <see cref="TruncatedNormal"/>).</summary>
    internal static (float Mean, float Stddev) CheckMeanStddev(float mean, float stddev, string owner)
    {
        Finite(mean, nameof(mean), owner);
        if (!(stddev >= 0) || !float.IsFinite(stddev))
            throw new ArgumentOutOfRangeException(nameof(stddev), stddev, $"{owner}: stddev must be a finite number >= 0; got {stddev}.");
        return (mean, stddev);
    }
}
