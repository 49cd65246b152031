using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>Mean absolute percentage error over the last axis, 100 mean(|(y_true - y_pred) / max(|y_true|, 1e-7)|) (Keras's <c>MeanAbsolutePercentageError</c>, "mape").</summary>
public sealed class MeanAbsolutePercentageError(string reduction = "sum_over_batch_size", string name = "mean_absolute_percentage_error") : Loss(name, reduction)
{
    public override string ClassName => "MeanAbsolutePercentageError";

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = SameRank(yTrue, yPred);
        var diff = Ops.Abs((t - p) / Ops.Maximum(Ops.Abs(t), Epsilon));
        return 100f * Ops.Mean(diff, -1);
    }

    internal static MeanAbsolutePercentageError FromConfig(JsonObject config) => new(ConfigReduction(config, "MeanAbsolutePercentageError"), ConfigName(config, "mean_absolute_percentage_error", "MeanAbsolutePercentageError"));
}
