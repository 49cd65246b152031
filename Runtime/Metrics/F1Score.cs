using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// The F1 score, 2 · precision · recall / (precision + recall): the <see cref="FBetaScore"/> with β = 1 (Keras's
/// <c>F1Score(average=None, threshold=None, name="f1_score")</c>).
/// </summary>
public sealed class F1Score : FBetaScore
{
    public F1Score(string? average = null, float? threshold = null, string name = "f1_score", DType dtype = DType.Float32)
        : base(average, 1f, threshold, name, dtype)
    {
    }

    public override string ClassName => "F1Score";

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config.Remove("beta");
        return config;
    }

    internal static new F1Score FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "f1_score", "F1Score");
        return new F1Score(ReadAverage(config, "F1Score"), ReadThreshold(config, "F1Score"), name!, dtype);
    }
}
