using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>Mean of squared errors over the last axis, mean((y_true - y_pred)²) (Keras's <c>MeanSquaredError</c>, "mse").</summary>
public sealed class MeanSquaredError(string reduction = "sum_over_batch_size", string name = "mean_squared_error") : Loss(name, reduction)
{
    public override string ClassName => "MeanSquaredError";

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = SameRank(yTrue, yPred);
        return Ops.Mean(Ops.Square(t - p), -1);
    }

    internal static MeanSquaredError FromConfig(JsonObject config) => new(ConfigReduction(config, "MeanSquaredError"), ConfigName(config, "mean_squared_error", "MeanSquaredError"));
}
