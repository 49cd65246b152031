using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Core;

/// <summary>
/// Reshapes each sample to <see cref="TargetShape"/> (which excludes the batch axis; one entry may be -1, inferred from the
/// size), as Keras's <c>Reshape</c>: (batch, 12) with target (3, 4) gives (batch, 3, 4). No data is copied.
/// </summary>
public sealed class Reshape : Layer
{
    public Reshape(Shape targetShape, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        ArgumentNullException.ThrowIfNull(targetShape);
        if (targetShape.Count(d => d == -1) > 1)
            throw new ArgumentException($"Reshape: the 'targetShape' argument must not contain more than one -1 value; received targetShape={Format(targetShape)}.", nameof(targetShape));
        TargetShape = targetShape;
        MarkBuilt();
    }

    /// <summary>The shape of each sample after reshaping (without the batch axis).</summary>
    public Shape TargetShape { get; }

    protected internal override Tensor Call(Tensor inputs) =>
        Ops.Reshape(inputs, [inputs.Shape[0], .. SampleShape(inputs.Shape)]);

    public override Shape ComputeOutputShape(Shape inputShape) => new([inputShape[0], .. SampleShape(inputShape)]);

    // The target with its -1 resolved from the input's sample shape (left -1 when that shape has unknown sizes).
    private Shape SampleShape(Shape inputShape)
    {
        if (inputShape.Rank == 0)
            throw new ArgumentException($"Layer '{Name}' (Reshape) needs inputs with a batch axis; received a scalar.");
        var sample = new Shape(inputShape.Dims[1..]);
        try
        {
            return OpShapes.Reshape(sample, TargetShape.Dims);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(
                $"Layer '{Name}' (Reshape): the total size of each sample must be unchanged; received input shape {inputShape} " +
                $"and targetShape={Format(TargetShape)}.", e);
        }
    }

    // -1 here means "inferred", so it is printed as -1 rather than as Shape's None.
    private static string Format(Shape shape) => shape.Rank == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["target_shape"] = LayerConfig.IntsToJson(TargetShape);
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Reshape", c => new Reshape(
        targetShape: new Shape(LayerConfig.Ints(c, "target_shape") ?? throw new FormatException("Reshape config is missing the required key 'target_shape'.")),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
