using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>The mean of square(y_true - y_pred) over the last axis, averaged over samples (Keras's <c>MeanSquaredError(name="mean_squared_error")</c>, "mse").</summary>
public sealed class MeanSquaredError : MeanMetricWrapper
{
    public MeanSquaredError(string name = "mean_squared_error", DType dtype = DType.Float32) : base(RegressionFunctions.MeanSquaredError, name, dtype)
    {
        Direction = "down";
    }

    public override string ClassName => "MeanSquaredError";

    public override JsonObject GetConfig() => NameAndDTypeConfig();

    internal static MeanSquaredError FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "mean_squared_error", "MeanSquaredError");
        return new MeanSquaredError(name!, dtype);
    }
}
