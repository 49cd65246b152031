using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Merge;

/// <summary>
/// Joins its inputs along <see cref="Axis"/> (Keras's <c>Concatenate</c>, default the last axis): the inputs must have the same
/// rank and the same sizes on every other axis.
/// </summary>
public sealed class Concatenate : Merge
{
    public Concatenate(int axis = -1, string? name = null, bool trainable = true, DType dtype = DType.Float32) : base(name, trainable, dtype)
    {
        Axis = axis;
    }

    /// <summary>The axis along which the inputs are joined (negative counts from the end).</summary>
    public int Axis { get; }

    public override void Build(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        if (inputShapes.Count < 1)
            throw new ArgumentException($"Layer '{Name}' (Concatenate): a Concatenate layer should be called on a list of at least 1 input. Received 0 inputs.");
        ComputeOutputShape(inputShapes);
    }

    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) => Ops.Concatenate(inputs, Axis);

    public override IReadOnlyList<Shape> ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        try
        {
            return [OpShapes.Concatenate(inputShapes, Axis)];
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(
                $"Layer '{Name}' (Concatenate): a Concatenate layer requires inputs with matching shapes except for the concatenation axis (axis={Axis}). " +
                $"Received: input_shape={Format(inputShapes)}. {e.Message}", e);
        }
    }

    /// <summary>
    /// The inputs' masks concatenated along the axis (an unmasked input counting as all valid, a mask over the leading axes
    /// broadcast over the last), then reduced with "any" over the last axis, as Keras; none when no input has a mask.
    /// </summary>
    public override IReadOnlyList<Tensor?> ComputeMask(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(masks);
        if (masks.All(m => m is null)) return [null];
        var full = new Tensor[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
            full[i] = masks[i] is { } m ? MaskLike(m, inputs[i]) : Tensor.Ones(inputs[i].Shape.ToArray());
        return [Ops.Max(Ops.Concatenate(full, Axis), -1)];
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["axis"] = Axis;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Concatenate", c => new Concatenate(
        axis: c.GetInt("axis", -1, "Concatenate"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
