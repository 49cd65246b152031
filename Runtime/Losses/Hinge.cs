using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>Hinge loss over the last axis, mean(max(1 - y_true y_pred, 0)) (Keras's <c>Hinge</c>, "hinge"), for labels -1/1; 0/1 labels are mapped to -1/1 first.</summary>
public sealed class Hinge(string reduction = "sum_over_batch_size", string name = "hinge") : Loss(name, reduction)
{
    public override string ClassName => "Hinge";

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = SameRank(yTrue, yPred);
        return Ops.Mean(Ops.Maximum(1f - HingeLabels(t) * p, 0f), -1);
    }

    internal static Hinge FromConfig(JsonObject config) => new(ConfigReduction(config, "Hinge"), ConfigName(config, "hinge", "Hinge"));
}
