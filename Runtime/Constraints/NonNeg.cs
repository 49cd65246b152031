using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Constraints;

/// <summary>Clips weights to be >= 0: maximum(w, 0) (Keras's <c>NonNeg</c>, "non_neg").</summary>
public sealed class NonNeg : Constraint
{
    public override string ClassName => "NonNeg";

    public override Tensor Call(Tensor weights) => Project(weights, w => Ops.Maximum(w, 0f));

    internal static NonNeg FromConfig(JsonObject config) => new();
}
