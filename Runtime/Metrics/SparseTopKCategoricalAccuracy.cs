using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// How often the integer label is among the <see cref="K"/> largest predictions (Keras's
/// <c>SparseTopKCategoricalAccuracy(k=5, name="sparse_top_k_categorical_accuracy")</c>); ties at the k-th value count as in.
/// </summary>
public sealed class SparseTopKCategoricalAccuracy : MeanMetricWrapper
{
    public SparseTopKCategoricalAccuracy(int k = 5, string name = "sparse_top_k_categorical_accuracy", DType dtype = DType.Float32)
        : base(Function(k, name), name, dtype)
    {
        K = k;
        Direction = "up";
    }

    /// <summary>How many of the top predictions count.</summary>
    public int K { get; }

    public override string ClassName => "SparseTopKCategoricalAccuracy";

    public override JsonObject GetConfig()
    {
        var config = NameAndDTypeConfig();
        config["k"] = K;
        return config;
    }

    internal static SparseTopKCategoricalAccuracy FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "sparse_top_k_categorical_accuracy", "SparseTopKCategoricalAccuracy");
        return new SparseTopKCategoricalAccuracy(config.GetInt("k", 5, "SparseTopKCategoricalAccuracy"), name!, dtype);
    }

    private static Func<Tensor, Tensor, Tensor> Function(int k, string name) =>
        k >= 1
            ? (yTrue, yPred) => AccuracyFunctions.SparseTopKCategoricalAccuracy(yTrue, yPred, k)
            : throw new ArgumentOutOfRangeException(nameof(k), k, $"SparseTopKCategoricalAccuracy '{name}': k must be at least 1; got {k}.");
}
