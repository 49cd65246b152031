using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// How often predictions equal labels exactly (Keras's <c>Accuracy(name="accuracy")</c>, "accuracy", "acc"). For
/// classifiers, Compile turns the string "accuracy" into the binary, categorical or sparse categorical accuracy instead.
/// </summary>
public sealed class Accuracy : MeanMetricWrapper
{
    public Accuracy(string name = "accuracy", DType dtype = DType.Float32) : base(AccuracyFunctions.Accuracy, name, dtype)
    {
        Direction = "up";
    }

    public override string ClassName => "Accuracy";

    public override JsonObject GetConfig() => NameAndDTypeConfig();

    internal static Accuracy FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "accuracy", "Accuracy");
        return new Accuracy(name!, dtype);
    }
}
