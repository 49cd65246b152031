using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// How often the largest prediction is the integer label (Keras's
/// <c>SparseCategoricalAccuracy(name="sparse_categorical_accuracy")</c>): labels of shape (batch,) or (batch, 1).
/// </summary>
public sealed class SparseCategoricalAccuracy : MeanMetricWrapper
{
    public SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy", DType dtype = DType.Float32)
        : base(AccuracyFunctions.SparseCategoricalAccuracy, name, dtype)
    {
        Direction = "up";
    }

    public override string ClassName => "SparseCategoricalAccuracy";

    public override JsonObject GetConfig() => NameAndDTypeConfig();

    internal static SparseCategoricalAccuracy FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "sparse_categorical_accuracy", "SparseCategoricalAccuracy");
        return new SparseCategoricalAccuracy(name!, dtype);
    }
}
