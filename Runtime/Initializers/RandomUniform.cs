using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>Uniform values in [<see cref="Minval"/>, <see cref="Maxval"/>) (Keras's <c>RandomUniform</c>, "random_uniform", "uniform").</summary>
public sealed class RandomUniform : RandomInitializer
{
    public RandomUniform(float minval = -0.05f, float maxval = 0.05f, int? seed = null) : base(seed)
    {
        Minval = Finite(minval, nameof(minval), "RandomUniform");
        Maxval = Finite(maxval, nameof(maxval), "RandomUniform");
        if (minval > maxval)
            throw new ArgumentException($"RandomUniform: minval must be <= maxval; got minval {minval} and maxval {maxval}.", nameof(minval));
    }

    /// <summary>The lower bound (inclusive).</summary>
    public float Minval { get; }

    /// <summary>The upper bound (exclusive).</summary>
    public float Maxval { get; }

    public override string ClassName => "RandomUniform";

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["minval"] = Minval;
        config["maxval"] = Maxval;
        return config;
    }

    public override Tensor Call(Shape shape, DType dtype = DType.Float32)
    {
        RequireFloat(dtype);
        RequireConcrete(shape);
        return Ops.RandomUniform(shape, Minval, Maxval, Generator());
    }

    internal static RandomUniform FromConfig(JsonObject config) => new(
        config.GetFloat("minval", -0.05f, "RandomUniform"),
        config.GetFloat("maxval", 0.05f, "RandomUniform"),
        config.GetNullableInt("seed", "RandomUniform"));
}
