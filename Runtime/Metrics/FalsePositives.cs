using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>The number of false positives: negative labels predicted positive (Keras's <c>FalsePositives(thresholds=None)</c>, "false_positives"); with sample weights, their sum.</summary>
public sealed class FalsePositives : ConfusionMatrixConditionCount
{
    /// <summary>Counts at each of <paramref name="thresholds"/> (in [0, 1]; default 0.5).</summary>
    public FalsePositives(float[]? thresholds = null, string? name = null, DType dtype = DType.Float32)
        : base(thresholds, single: false, name, dtype, "FalsePositives")
    {
    }

    /// <summary>Counts at one threshold.</summary>
    public FalsePositives(float thresholds, string? name = null, DType dtype = DType.Float32)
        : base([thresholds], single: true, name, dtype, "FalsePositives")
    {
    }

    private FalsePositives(float[]? thresholds, bool single, string? name, DType dtype) : base(thresholds, single, name, dtype, "FalsePositives")
    {
    }

    public override string ClassName => "FalsePositives";

    private protected override ConfusionVariables Cell(Variable accumulator) => new(FalsePositives: accumulator);

    internal static FalsePositives FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, null, "FalsePositives");
        var (thresholds, single) = ThresholdArguments.Read(config, "FalsePositives");
        return new FalsePositives(thresholds, single, name, dtype);
    }
}
