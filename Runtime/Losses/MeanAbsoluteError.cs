using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>Mean of absolute errors over the last axis, mean(|y_true - y_pred|) (Keras's <c>MeanAbsoluteError</c>, "mae").</summary>
public sealed class MeanAbsoluteError(string reduction = "sum_over_batch_size", string name = "mean_absolute_error") : Loss(name, reduction)
{
    public override string ClassName => "MeanAbsoluteError";

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = SameRank(yTrue, yPred);
        return Ops.Mean(Ops.Abs(t - p), -1);
    }

    internal static MeanAbsoluteError FromConfig(JsonObject config) => new(ConfigReduction(config, "MeanAbsoluteError"), ConfigName(config, "mean_absolute_error", "MeanAbsoluteError"));
}
