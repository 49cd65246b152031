using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>The number of false negatives: positive labels predicted negative (Keras's <c>FalseNegatives(thresholds=None)</c>, "false_negatives"); with sample weights, their sum.</summary>
public sealed class FalseNegatives : ConfusionMatrixConditionCount
{
    /// <summary>Counts at each of <paramref name="thresholds"/> (in [0, 1]; default 0.5).</summary>
    public FalseNegatives(float[]? thresholds = null, string? name = null, DType dtype = DType.Float32)
        : base(thresholds, single: false, name, dtype, "FalseNegatives")
    {
    }

    /// <summary>Counts at one threshold.</summary>
    public FalseNegatives(float thresholds, string? name = null, DType dtype = DType.Float32)
        : base([thresholds], single: true, name, dtype, "FalseNegatives")
    {
    }

    private FalseNegatives(float[]? thresholds, bool single, string? name, DType dtype) : base(thresholds, single, name, dtype, "FalseNegatives")
    {
    }

    public override string ClassName => "FalseNegatives";

    private protected override ConfusionVariables Cell(Variable accumulator) => new(FalseNegatives: accumulator);

    internal static FalseNegatives FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, null, "FalseNegatives");
        var (thresholds, single) = ThresholdArguments.Read(config, "FalseNegatives");
        return new FalseNegatives(thresholds, single, name, dtype);
    }
}
