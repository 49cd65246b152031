using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Normalization;

/// <summary>
/// Scales each sample to unit l2 norm across <see cref="Axis"/> (Keras's <c>UnitNormalization</c>):
/// <c>x / sqrt(max(sum(x²), 1e-12))</c>. No weights; masks pass through.
/// </summary>
public sealed class UnitNormalization : Layer
{
    private const float MinSquareSum = 1e-12f;
    private readonly bool _axisIsList;

    /// <summary>Normalizes across one axis (default the last).</summary>
    public UnitNormalization(int axis = -1, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        Axis = [axis];
    }

    /// <summary>Normalizes across several axes together.</summary>
    public UnitNormalization(int[] axis, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        ArgumentNullException.ThrowIfNull(axis);
        if (axis.Length == 0)
            throw new ArgumentException("UnitNormalization: 'axis' must name at least one axis.", nameof(axis));
        Axis = [.. axis];
        _axisIsList = true;
    }

    /// <summary>The axes normalized across (negative counts from the end).</summary>
    public IReadOnlyList<int> Axis { get; }

    public override bool SupportsMasking => true;

    public override void Build(Shape inputShape) => CheckAxes(inputShape);

    protected internal override Tensor Call(Tensor inputs) => L2Normalize(inputs, [.. Axis], MinSquareSum);

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        CheckAxes(inputShape);
        return inputShape;
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = _axisIsList ? LayerConfig.IntsToJson(Axis) : Axis[0];
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "UnitNormalization", c => c["axis"] is JsonArray
        ? new UnitNormalization(c.GetAxes("axis", [-1], "UnitNormalization"), LayerConfig.Name(c), LayerConfig.Trainable(c), LayerConfig.DType(c))
        : new UnitNormalization(c.GetInt("axis", -1, "UnitNormalization"), LayerConfig.Name(c), LayerConfig.Trainable(c), LayerConfig.DType(c)));

    /// <summary>x * rsqrt(max(sum(x² over axes), minSquareSum)): unit l2 norm, with tiny norms clamped (also Dot's normalize).</summary>
    internal static Tensor L2Normalize(Tensor x, int[] axes, float minSquareSum)
    {
        var squareSum = Ops.Sum(Ops.Square(x), axes, keepDims: true);
        return Ops.Multiply(x, Ops.Power(Ops.Maximum(squareSum, minSquareSum), -0.5f));
    }

    private void CheckAxes(Shape inputShape)
    {
        foreach (var axis in Axis)
        {
            if (axis >= inputShape.Rank || axis < -inputShape.Rank)
                throw new ArgumentException($"Layer '{Name}' (UnitNormalization): axis {axis} is out of bounds for input shape {inputShape}.");
        }
    }
}
