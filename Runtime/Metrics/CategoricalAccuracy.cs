using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// How often the largest prediction is the class of a one-hot label (Keras's
/// <c>CategoricalAccuracy(name="categorical_accuracy")</c>). Logits work as well as probabilities.
/// </summary>
public sealed class CategoricalAccuracy : MeanMetricWrapper
{
    public CategoricalAccuracy(string name = "categorical_accuracy", DType dtype = DType.Float32)
        : base(AccuracyFunctions.CategoricalAccuracy, name, dtype)
    {
        Direction = "up";
    }

    public override string ClassName => "CategoricalAccuracy";

    public override JsonObject GetConfig() => NameAndDTypeConfig();

    internal static CategoricalAccuracy FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "categorical_accuracy", "CategoricalAccuracy");
        return new CategoricalAccuracy(name!, dtype);
    }
}
