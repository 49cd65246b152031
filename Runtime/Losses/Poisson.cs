using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>Poisson loss over the last axis, mean(y_pred - y_true log(y_pred + 1e-7)) (Keras's <c>Poisson</c>, "poisson"), for count targets.</summary>
public sealed class Poisson(string reduction = "sum_over_batch_size", string name = "poisson") : Loss(name, reduction)
{
    public override string ClassName => "Poisson";

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = SameRank(yTrue, yPred);
        return Ops.Mean(p - t * Ops.Log(p + Epsilon), -1);
    }

    internal static Poisson FromConfig(JsonObject config) => new(ConfigReduction(config, "Poisson"), ConfigName(config, "poisson", "Poisson"));
}
