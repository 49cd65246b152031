using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Regularizers;

/// <summary>The L2 penalty l2 * sum(w²) (Keras's <c>L2(l2=0.01)</c>, "l2"; weight decay): keeps weights small.</summary>
public sealed class L2 : Regularizer
{
    public L2(float l2 = 0.01f)
    {
        L2Factor = NonNegative(l2, nameof(l2), "L2");
    }

    /// <summary>The factor (Keras's <c>l2</c>).</summary>
    public float L2Factor { get; }

    public override string ClassName => "L2";

    public override JsonObject GetConfig() => new() { ["l2"] = L2Factor };

    public override Tensor Call(Tensor weights)
    {
        RequireFloat(weights);
        return L2Penalty(weights, L2Factor);
    }

    internal static L2 FromConfig(JsonObject config) => new(config.GetFloat("l2", 0.01f, "L2"));
}
