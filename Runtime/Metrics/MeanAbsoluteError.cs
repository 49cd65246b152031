using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>The mean of abs(y_true - y_pred) over the last axis, averaged over samples (Keras's <c>MeanAbsoluteError(name="mean_absolute_error")</c>, "mae").</summary>
public sealed class MeanAbsoluteError : MeanMetricWrapper
{
    public MeanAbsoluteError(string name = "mean_absolute_error", DType dtype = DType.Float32) : base(RegressionFunctions.MeanAbsoluteError, name, dtype)
    {
        Direction = "down";
    }

    public override string ClassName => "MeanAbsoluteError";

    public override JsonObject GetConfig() => NameAndDTypeConfig();

    internal static MeanAbsoluteError FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "mean_absolute_error", "MeanAbsoluteError");
        return new MeanAbsoluteError(name!, dtype);
    }
}
