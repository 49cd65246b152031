using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>Initializes to 1 (Keras's <c>Ones</c>, "ones"); the default for normalization scales.</summary>
public sealed class Ones : Initializer
{
    public override string ClassName => "Ones";

    public override Tensor Call(Shape shape, DType dtype = DType.Float32) => Filled(shape, dtype, 1f);

    internal static Ones FromConfig(JsonObject config) => new();
}
