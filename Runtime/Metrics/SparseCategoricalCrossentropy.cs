using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// The running mean of the crossentropy between integer labels and predictions (Keras's
/// <c>SparseCategoricalCrossentropy(name="sparse_categorical_crossentropy", from_logits=False, axis=-1)</c>): per sample,
/// -log p[label], with p renormalized and clipped as in <see cref="CategoricalCrossentropy"/>. Labels outside the classes are an error.
/// </summary>
public sealed class SparseCategoricalCrossentropy : MeanMetricWrapper
{
    public SparseCategoricalCrossentropy(string name = "sparse_categorical_crossentropy", DType dtype = DType.Float32, bool fromLogits = false, int axis = -1)
        : base((yTrue, yPred) => CrossentropyFunctions.SparseCategorical(yTrue, yPred, fromLogits, axis), name, dtype)
    {
        FromLogits = fromLogits;
        Axis = axis;
        Direction = "down";
    }

    /// <summary>Whether predictions are logits rather than probabilities.</summary>
    public bool FromLogits { get; }

    /// <summary>The class axis of the predictions.</summary>
    public int Axis { get; }

    public override string ClassName => "SparseCategoricalCrossentropy";

    public override JsonObject GetConfig()
    {
        var config = NameAndDTypeConfig();
        config["from_logits"] = FromLogits;
        config["axis"] = Axis;
        return config;
    }

    internal static SparseCategoricalCrossentropy FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy");
        return new SparseCategoricalCrossentropy(name!, dtype, CrossentropyConfig.FromLogits(config, "SparseCategoricalCrossentropy"),
            config.GetInt("axis", -1, "SparseCategoricalCrossentropy"));
    }
}
