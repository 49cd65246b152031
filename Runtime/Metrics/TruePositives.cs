using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>The number of true positives: positive labels predicted positive (Keras's <c>TruePositives(thresholds=None)</c>, "true_positives"); with sample weights, their sum.</summary>
public sealed class TruePositives : ConfusionMatrixConditionCount
{
    /// <summary>Counts at each of <paramref name="thresholds"/> (in [0, 1]; default 0.5).</summary>
    public TruePositives(float[]? thresholds = null, string? name = null, DType dtype = DType.Float32)
        : base(thresholds, single: false, name, dtype, "TruePositives")
    {
    }

    /// <summary>Counts at one threshold.</summary>
    public TruePositives(float thresholds, string? name = null, DType dtype = DType.Float32)
        : base([thresholds], single: true, name, dtype, "TruePositives")
    {
    }

    private TruePositives(float[]? thresholds, bool single, string? name, DType dtype) : base(thresholds, single, name, dtype, "TruePositives")
    {
    }

    public override string ClassName => "TruePositives";

    private protected override ConfusionVariables Cell(Variable accumulator) => new(TruePositives: accumulator);

    internal static TruePositives FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, null, "TruePositives");
        var (thresholds, single) = ThresholdArguments.Read(config, "TruePositives");
        return new TruePositives(thresholds, single, name, dtype);
    }
}
