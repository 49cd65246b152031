using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>Mean squared logarithmic error over the last axis, mean((log(max(y_pred, 1e-7) + 1) - log(max(y_true, 1e-7) + 1))²) (Keras's <c>MeanSquaredLogarithmicError</c>, "msle").</summary>
public sealed class MeanSquaredLogarithmicError(string reduction = "sum_over_batch_size", string name = "mean_squared_logarithmic_error") : Loss(name, reduction)
{
    public override string ClassName => "MeanSquaredLogarithmicError";

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = SameRank(yTrue, yPred);
        var first = Ops.Log(Ops.Maximum(p, Epsilon) + 1f);
        var second = Ops.Log(Ops.Maximum(t, Epsilon) + 1f);
        return Ops.Mean(Ops.Square(first - second), -1);
    }

    internal static MeanSquaredLogarithmicError FromConfig(JsonObject config) => new(ConfigReduction(config, "MeanSquaredLogarithmicError"), ConfigName(config, "mean_squared_logarithmic_error", "MeanSquaredLogarithmicError"));
}
