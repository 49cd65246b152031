using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>Categorical hinge, max(neg - pos + 1, 0) with pos = sum(y_true y_pred) and neg = max((1 - y_true) y_pred) over the last axis (Keras's <c>CategoricalHinge</c>, "categorical_hinge"), for one-hot labels.</summary>
public sealed class CategoricalHinge(string reduction = "sum_over_batch_size", string name = "categorical_hinge") : Loss(name, reduction)
{
    public override string ClassName => "CategoricalHinge";

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = SameRank(yTrue, yPred);
        var pos = Ops.Sum(t * p, -1);
        var neg = Ops.Max((1f - t) * p, -1);
        return Ops.Maximum(neg - pos + 1f, 0f);
    }

    internal static CategoricalHinge FromConfig(JsonObject config) => new(ConfigReduction(config, "CategoricalHinge"), ConfigName(config, "categorical_hinge", "CategoricalHinge"));
}
