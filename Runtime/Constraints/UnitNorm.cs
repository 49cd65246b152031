using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Constraints;

/// <summary>
/// Scales the weights incident to each unit to unit L2 norm: w / (epsilon + ||w||), the norm taken over <see cref="Axis"/>
/// (Keras's <c>UnitNorm(axis=0)</c>, "unit_norm"; for a Dense kernel (input_dim, units), axis 0 normalizes each unit's
/// incoming weight vector; for a Conv2D kernel use axes 0, 1, 2).
/// </summary>
public sealed class UnitNorm : Constraint
{
    private readonly int[] _axis;

    public UnitNorm(int axis = 0) : this([axis])
    {
    }

    public UnitNorm(int[] axis)
    {
        _axis = CheckAxes(axis, "UnitNorm");
    }

    /// <summary>The axes the norms are taken over.</summary>
    public IReadOnlyList<int> Axis => _axis;

    public override string ClassName => "UnitNorm";

    public override JsonObject GetConfig() => new() { ["axis"] = JsonConfig.AxesNode(_axis) };

    public override Tensor Call(Tensor weights) => Project(weights, w => Ops.Divide(w, Ops.Add(Tensor.Scalar(Epsilon), Norms(w, _axis))));

    internal static UnitNorm FromConfig(JsonObject config) => new(config.GetAxes("axis", [0], "UnitNorm"));
}
