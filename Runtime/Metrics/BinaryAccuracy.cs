using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// How often predictions match binary labels (Keras's <c>BinaryAccuracy(name="binary_accuracy", threshold=0.5)</c>): a
/// prediction above <see cref="Threshold"/> counts as 1.
/// </summary>
public sealed class BinaryAccuracy : MeanMetricWrapper
{
    public BinaryAccuracy(string name = "binary_accuracy", DType dtype = DType.Float32, float threshold = 0.5f)
        : base(Function(threshold, name), name, dtype)
    {
        Threshold = threshold;
        Direction = "up";
    }

    /// <summary>The decision threshold, in (0, 1).</summary>
    public float Threshold { get; }

    public override string ClassName => "BinaryAccuracy";

    public override JsonObject GetConfig()
    {
        var config = NameAndDTypeConfig();
        config["threshold"] = Threshold;
        return config;
    }

    internal static BinaryAccuracy FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "binary_accuracy", "BinaryAccuracy");
        return new BinaryAccuracy(name!, dtype, config.GetFloat("threshold", 0.5f, "BinaryAccuracy"));
    }

    // Validated here because the base constructor needs the function first.
    private static Func<Tensor, Tensor, Tensor> Function(float threshold, string name)
    {
        if (!(threshold > 0 && threshold < 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"BinaryAccuracy '{name}': threshold must be in (0, 1); got {threshold}.");
        return (yTrue, yPred) => AccuracyFunctions.BinaryAccuracy(yTrue, yPred, threshold);
    }
}
