using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Constraints;

/// <summary>
/// Rescales the weights incident to each unit whose L2 norm exceeds <see cref="MaxValue"/> back to that norm:
/// w * clip(||w||, 0, max_value) / (epsilon + ||w||), the norm taken over <see cref="Axis"/> (Keras's
/// <c>MaxNorm(max_value=2, axis=0)</c>, "max_norm").
/// </summary>
public sealed class MaxNorm : Constraint
{
    private readonly int[] _axis;

    public MaxNorm(float maxValue = 2f, int axis = 0) : this(maxValue, [axis])
    {
    }

    public MaxNorm(float maxValue, int[] axis)
    {
        if (!(maxValue >= 0) || !float.IsFinite(maxValue))
            throw new ArgumentOutOfRangeException(nameof(maxValue), maxValue, $"MaxNorm: maxValue must be a finite number >= 0; got {maxValue}.");
        MaxValue = maxValue;
        _axis = CheckAxes(axis, "MaxNorm");
    }

    /// <summary>The largest norm allowed.</summary>
    public float MaxValue { get; }

    /// <summary>The axes the norms are taken over.</summary>
    public IReadOnlyList<int> Axis => _axis;

    public override string ClassName => "MaxNorm";

    public override JsonObject GetConfig() => new() { ["max_value"] = MaxValue, ["axis"] = JsonConfig.AxesNode(_axis) };

    public override Tensor Call(Tensor weights) => Project(weights, w =>
    {
        var norms = Norms(w, _axis);
        var desired = Ops.Clip(norms, 0f, MaxValue);
        return Ops.Multiply(w, Ops.Divide(desired, Ops.Add(Tensor.Scalar(Epsilon), norms)));
    });

    internal static MaxNorm FromConfig(JsonObject config) => new(
        config.GetFloat("max_value", 2f, "MaxNorm"),
        config.GetAxes("axis", [0], "MaxNorm"));
}
