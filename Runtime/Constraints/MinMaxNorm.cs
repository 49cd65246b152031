using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Constraints;

/// <summary>
/// Moves the L2 norm of the weights incident to each unit into [<see cref="MinValue"/>, <see cref="MaxValue"/>] at
/// <see cref="Rate"/>: w * desired / (epsilon + ||w||) with desired = rate * clip(||w||, min, max) + (1 - rate) * ||w||, the
/// norm taken over <see cref="Axis"/> (Keras's <c>MinMaxNorm(min_value=0.0, max_value=1.0, rate=1.0, axis=0)</c>,
/// "min_max_norm"; rate 1 enforces the bounds strictly, a smaller rate approaches them step by step).
/// </summary>
public sealed class MinMaxNorm : Constraint
{
    private readonly int[] _axis;

    public MinMaxNorm(float minValue = 0f, float maxValue = 1f, float rate = 1f, int axis = 0) : this(minValue, maxValue, rate, [axis])
    {
    }

    public MinMaxNorm(float minValue, float maxValue, float rate, int[] axis)
    {
        if (!(minValue >= 0) || !float.IsFinite(minValue) || !float.IsFinite(maxValue) || !(minValue <= maxValue))
            throw new ArgumentException($"MinMaxNorm: need finite norms 0 <= minValue <= maxValue; got minValue {minValue} and maxValue {maxValue}.", nameof(minValue));
        if (!(rate >= 0 && rate <= 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"MinMaxNorm: rate must be in [0, 1]; got {rate}.");
        MinValue = minValue;
        MaxValue = maxValue;
        Rate = rate;
        _axis = CheckAxes(axis, "MinMaxNorm");
    }

    /// <summary>The smallest norm allowed.</summary>
    public float MinValue { get; }

    /// <summary>The largest norm allowed.</summary>
    public float MaxValue { get; }

    /// <summary>How far each call moves the norm toward the bounds (1: all the way).</summary>
    public float Rate { get; }

    /// <summary>The axes the norms are taken over.</summary>
    public IReadOnlyList<int> Axis => _axis;

    public override string ClassName => "MinMaxNorm";

    public override JsonObject GetConfig() => new()
    {
        ["min_value"] = MinValue,
        ["max_value"] = MaxValue,
        ["rate"] = Rate,
        ["axis"] = JsonConfig.AxesNode(_axis),
    };

    public override Tensor Call(Tensor weights) => Project(weights, w =>
    {
        var norms = Norms(w, _axis);
        var desired = Ops.Add(
            Ops.Multiply(Tensor.Scalar(Rate), Ops.Clip(norms, MinValue, MaxValue)),
            Ops.Multiply(Tensor.Scalar(1 - Rate), norms));
        return Ops.Multiply(w, Ops.Divide(desired, Ops.Add(Tensor.Scalar(Epsilon), norms)));
    });

    internal static MinMaxNorm FromConfig(JsonObject config) => new(
        config.GetFloat("min_value", 0f, "MinMaxNorm"),
        config.GetFloat("max_value", 1f, "MinMaxNorm"),
        config.GetFloat("rate", 1f, "MinMaxNorm"),
        config.GetAxes("axis", [0], "MinMaxNorm"));
}
