using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>Initializes to 0 (Keras's <c>Zeros</c>, "zeros"); the default for biases.</summary>
public sealed class Zeros : Initializer
{
    public override string ClassName => "Zeros";

    public override Tensor Call(Shape shape, DType dtype = DType.Float32) => Filled(shape, dtype, 0f);

    internal static Zeros FromConfig(JsonObject config) => new();
}
