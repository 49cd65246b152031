using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>Initializes every element to <see cref="Value"/> (Keras's <c>Constant(value=0.0)</c>, "constant").</summary>
public sealed class Constant : Initializer
{
    public Constant(float value = 0f)
    {
        Value = Finite(value, nameof(value), "Constant");
    }

    /// <summary>The value of every element (truncated toward zero for int32 tensors, as a cast).</summary>
    public float Value { get; }

    public override string ClassName => "Constant";

    public override JsonObject GetConfig() => new() { ["value"] = Value };

    public override Tensor Call(Shape shape, DType dtype = DType.Float32) => Filled(shape, dtype, Value);

    internal static Constant FromConfig(JsonObject config) => new(config.GetFloat("value", 0f, "Constant"));
}
