using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>Kullback-Leibler divergence over the last axis, sum(y_true log(y_true / y_pred)) with both clipped to [1e-7, 1] (Keras's <c>KLDivergence</c>, "kl_divergence", "kld").</summary>
public sealed class KLDivergence(string reduction = "sum_over_batch_size", string name = "kl_divergence") : Loss(name, reduction)
{
    public override string ClassName => "KLDivergence";

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = SameRank(yTrue, yPred);
        t = Ops.Clip(t, Epsilon, 1f);
        p = Ops.Clip(p, Epsilon, 1f);
        return Ops.Sum(t * Ops.Log(t / p), -1);
    }

    internal static KLDivergence FromConfig(JsonObject config) => new(ConfigReduction(config, "KLDivergence"), ConfigName(config, "kl_divergence", "KLDivergence"));
}
