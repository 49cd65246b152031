using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>Squared hinge loss over the last axis, mean(max(1 - y_true y_pred, 0)²) (Keras's <c>SquaredHinge</c>, "squared_hinge"), for labels -1/1; 0/1 labels are mapped to -1/1 first.</summary>
public sealed class SquaredHinge(string reduction = "sum_over_batch_size", string name = "squared_hinge") : Loss(name, reduction)
{
    public override string ClassName => "SquaredHinge";

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = SameRank(yTrue, yPred);
        return Ops.Mean(Ops.Square(Ops.Maximum(1f - HingeLabels(t) * p, 0f)), -1);
    }

    internal static SquaredHinge FromConfig(JsonObject config) => new(ConfigReduction(config, "SquaredHinge"), ConfigName(config, "squared_hinge", "SquaredHinge"));
}
