using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>100 * mean(abs((y_true - y_pred) / max(abs(y_true), 1e-7))) over the last axis, averaged over samples (Keras's <c>MeanAbsolutePercentageError(name="mean_absolute_percentage_error")</c>, "mape").</summary>
public sealed class MeanAbsolutePercentageError : MeanMetricWrapper
{
    public MeanAbsolutePercentageError(string name = "mean_absolute_percentage_error", DType dtype = DType.Float32) : base(RegressionFunctions.MeanAbsolutePercentageError, name, dtype)
    {
        Direction = "down";
    }

    public override string ClassName => "MeanAbsolutePercentageError";

    public override JsonObject GetConfig() => NameAndDTypeConfig();

    internal static MeanAbsolutePercentageError FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "mean_absolute_percentage_error", "MeanAbsolutePercentageError");
        return new MeanAbsolutePercentageError(name!, dtype);
    }
}
