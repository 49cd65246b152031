using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Regularizers;

/// <summary>
/// l1 * sum(|w|) + l2 * sum(w²) (Keras's <c>L1L2(l1=0.0, l2=0.0)</c>); a zero factor's term is left out, as Keras does.
/// </summary>
public sealed class L1L2 : Regularizer
{
    public L1L2(float l1 = 0f, float l2 = 0f)
    {
        L1Factor = NonNegative(l1, nameof(l1), "L1L2");
        L2Factor = NonNegative(l2, nameof(l2), "L1L2");
    }

    /// <summary>The L1 factor (Keras's <c>l1</c>).</summary>
    public float L1Factor { get; }

    /// <summary>The L2 factor (Keras's <c>l2</c>).</summary>
    public float L2Factor { get; }

    public override string ClassName => "L1L2";

    public override JsonObject GetConfig() => new() { ["l1"] = L1Factor, ["l2"] = L2Factor };

    public override Tensor Call(Tensor weights)
    {
        RequireFloat(weights);
        var penalty = Tensor.Scalar(0f);
        if (L1Factor != 0) penalty = Ops.Add(penalty, L1Penalty(weights, L1Factor));
        if (L2Factor != 0) penalty = Ops.Add(penalty, L2Penalty(weights, L2Factor));
        return penalty;
    }

    internal static L1L2 FromConfig(JsonObject config) => new(config.GetFloat("l1", 0f, "L1L2"), config.GetFloat("l2", 0f, "L1L2"));
}
