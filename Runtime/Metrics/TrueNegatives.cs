using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>The number of true negatives: negative labels predicted negative (Keras's <c>TrueNegatives(thresholds=None)</c>, "true_negatives"); with sample weights, their sum.</summary>
public sealed class TrueNegatives : ConfusionMatrixConditionCount
{
    /// <summary>Counts at each of <paramref name="thresholds"/> (in [0, 1]; default 0.5).</summary>
    public TrueNegatives(float[]? thresholds = null, string? name = null, DType dtype = DType.Float32)
        : base(thresholds, single: false, name, dtype, "TrueNegatives")
    {
    }

    /// <summary>Counts at one threshold.</summary>
    public TrueNegatives(float thresholds, string? name = null, DType dtype = DType.Float32)
        : base([thresholds], single: true, name, dtype, "TrueNegatives")
    {
    }

    private TrueNegatives(float[]? thresholds, bool single, string? name, DType dtype) : base(thresholds, single, name, dtype, "TrueNegatives")
    {
    }

    public override string ClassName => "TrueNegatives";

    private protected override ConfusionVariables Cell(Variable accumulator) => new(TrueNegatives: accumulator);

    internal static TrueNegatives FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, null, "TrueNegatives");
        var (thresholds, single) = ThresholdArguments.Read(config, "TrueNegatives");
        return new TrueNegatives(thresholds, single, name, dtype);
    }
}
