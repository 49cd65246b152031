using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>The mean of square(log(1 + y_pred) - log(1 + y_true)) over the last axis (values below 1e-7 are raised to it), averaged over samples (Keras's <c>MeanSquaredLogarithmicError(name="mean_squared_logarithmic_error")</c>, "msle").</summary>
public sealed class MeanSquaredLogarithmicError : MeanMetricWrapper
{
    public MeanSquaredLogarithmicError(string name = "mean_squared_logarithmic_error", DType dtype = DType.Float32) : base(RegressionFunctions.MeanSquaredLogarithmicError, name, dtype)
    {
        Direction = "down";
    }

    public override string ClassName => "MeanSquaredLogarithmicError";

    public override JsonObject GetConfig() => NameAndDTypeConfig();

    internal static MeanSquaredLogarithmicError FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "mean_squared_logarithmic_error", "MeanSquaredLogarithmicError");
        return new MeanSquaredLogarithmicError(name!, dtype);
    }
}
