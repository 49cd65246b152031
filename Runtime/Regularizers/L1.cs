using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Regularizers;

/// <summary>The L1 penalty l1 * sum(|w|) (Keras's <c>L1(l1=0.01)</c>, "l1"): pushes weights to exactly zero.</summary>
public sealed class L1 : Regularizer
{
    public L1(float l1 = 0.01f)
    {
        L1Factor = NonNegative(l1, nameof(l1), "L1");
    }

    /// <summary>The factor (Keras's <c>l1</c>).</summary>
    public float L1Factor { get; }

    public override string ClassName => "L1";

    public override JsonObject GetConfig() => new() { ["l1"] = L1Factor };

    public override Tensor Call(Tensor weights)
    {
        RequireFloat(weights);
        return L1Penalty(weights, L1Factor);
    }

    internal static L1 FromConfig(JsonObject config) => new(config.GetFloat("l1", 0.01f, "L1"));
}
