using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// How often the class of a one-hot label is among the <see cref="K"/> largest predictions (Keras's
/// <c>TopKCategoricalAccuracy(k=5, name="top_k_categorical_accuracy")</c>); ties at the k-th value count as in.
/// </summary>
public sealed class TopKCategoricalAccuracy : MeanMetricWrapper
{
    public TopKCategoricalAccuracy(int k = 5, string name = "top_k_categorical_accuracy", DType dtype = DType.Float32)
        : base(Function(k, name), name, dtype)
    {
        K = k;
        Direction = "up";
    }

    /// <summary>How many of the top predictions count.</summary>
    public int K { get; }

    public override string ClassName => "TopKCategoricalAccuracy";

    public override JsonObject GetConfig()
    {
        var config = NameAndDTypeConfig();
        config["k"] = K;
        return config;
    }

    internal static TopKCategoricalAccuracy FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "top_k_categorical_accuracy", "TopKCategoricalAccuracy");
        return new TopKCategoricalAccuracy(config.GetInt("k", 5, "TopKCategoricalAccuracy"), name!, dtype);
    }

    private static Func<Tensor, Tensor, Tensor> Function(int k, string name) =>
        k >= 1
            ? (yTrue, yPred) => AccuracyFunctions.TopKCategoricalAccuracy(yTrue, yPred, k)
            : throw new ArgumentOutOfRangeException(nameof(k), k, $"TopKCategoricalAccuracy '{name}': k must be at least 1; got {k}.");
}
