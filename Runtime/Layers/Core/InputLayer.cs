using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Core;

/// <summary>
/// The entry point of a model: it has no weights and produces the symbolic input tensor (Keras's <c>InputLayer</c>, made by
/// <see cref="Create"/>, the C# form of <c>keras.Input</c>).
/// </summary>
public sealed class InputLayer : Layer
{
    public InputLayer(Shape? shape = null, int? batchSize = null, DType dtype = DType.Float32, string? name = null, Shape? batchShape = null)
        : base(name ?? LayerNames.Unique("input_layer"), trainable: true, dtype)
    {
        if (batchShape is null)
        {
            if (shape is null)
                throw new ArgumentException("InputLayer needs a shape (without the batch axis) or a batchShape.", nameof(shape));
            batchShape = new Shape([batchSize ?? -1, .. shape.Dims]);
        }
        else if (shape is not null)
            throw new ArgumentException("InputLayer takes either shape or batchShape, not both.", nameof(batchShape));
        BatchShape = batchShape;
        MarkBuilt([batchShape]);
        _ = new Node(this, [], [batchShape]);
    }

    /// <summary>The full input shape, batch axis first (-1 when the batch size is free).</summary>
    public Shape BatchShape { get; }

    /// <summary>Keras's <c>keras.Input(shape, batch_size, dtype, name)</c>: a symbolic input for a functional model.</summary>
    public static KerasTensor Create(Shape shape, int? batchSize = null, string? name = null, DType dtype = DType.Float32) =>
        new InputLayer(shape, batchSize, dtype, name).Output;

    public override Shape ComputeOutputShape(Shape inputShape) => BatchShape;

    protected internal override Tensor Call(Tensor inputs) => inputs;

    public override JsonObject GetConfig() => new()
    {
        ["batch_shape"] = LayerConfig.ShapeToJson(BatchShape),
        ["dtype"] = DType.KerasName(),
        ["sparse"] = false,
        ["ragged"] = false,
        ["name"] = Name,
        ["optional"] = false,
    };

    internal static void Register() => KerasRegistry.Register("keras.layers", "InputLayer", c =>
    {
        var batchShape = LayerConfig.Ints(c, "batch_shape") ?? LayerConfig.Ints(c, "batch_input_shape")
            ?? throw new FormatException("InputLayer config needs 'batch_shape' (Keras 3) or 'batch_input_shape' (Keras 2).");
        return new InputLayer(batchShape: new Shape(batchShape), dtype: LayerConfig.DType(c), name: LayerConfig.Name(c));
    });
}
