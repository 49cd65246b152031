using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>
/// <see cref="Gain"/> times the identity matrix (Keras's <c>Identity</c>, "identity"); 2-D shapes only, rectangular ones
/// getting ones on the main diagonal as <c>eye(rows, cols)</c>.
/// </summary>
public sealed class Identity : Initializer
{
    public Identity(float gain = 1f)
    {
        Gain = Finite(gain, nameof(gain), "Identity");
    }

    /// <summary>The value on the diagonal.</summary>
    public float Gain { get; }

    public override string ClassName => "Identity";

    public override JsonObject GetConfig() => new() { ["gain"] = Gain };

    public override Tensor Call(Shape shape, DType dtype = DType.Float32)
    {
        RequireFloat(dtype);
        RequireConcrete(shape);
        if (shape.Rank != 2)
            throw new ArgumentException($"Identity: the identity initializer makes 2-D matrices only; got shape {shape} of rank {shape.Rank}.", nameof(shape));
        var y = Tensor.Empty(shape);
        var values = y.Floats;
        int rows = shape[0], cols = shape[1];
        for (var i = 0; i < Math.Min(rows, cols); i++) values[i * cols + i] = Gain;
        return y;
    }

    internal static Identity FromConfig(JsonObject config) => new(config.GetFloat("gain", 1f, "Identity"));
}
