using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>Mean over the last axis of log(cosh(y_pred - y_true)), computed stably as x + softplus(-2x) - log 2 (Keras's <c>LogCosh</c>, "log_cosh"): like half the squared error for small errors, like |x| - log 2 for large ones.</summary>
public sealed class LogCosh(string reduction = "sum_over_batch_size", string name = "log_cosh") : Loss(name, reduction)
{
    // Keras's ops.log(2.0) in float32.
    private static readonly float Log2 = MathF.Log(2f);

    public override string ClassName => "LogCosh";

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = SameRank(yTrue, yPred);
        var x = p - t;
        return Ops.Mean(x + Ops.Softplus(x * -2f) - Log2, -1);
    }

    internal static LogCosh FromConfig(JsonObject config) => new(ConfigReduction(config, "LogCosh"), ConfigName(config, "log_cosh", "LogCosh"));
}
