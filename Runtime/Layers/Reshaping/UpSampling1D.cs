using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Reshaping;

/// <summary>Repeats each step of (batch, steps, features) inputs <see cref="Size"/> times (Keras's <c>UpSampling1D</c>).</summary>
public sealed class UpSampling1D : Layer
{
    public UpSampling1D(int size = 2, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        if (size <= 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"UpSampling1D: 'size' must be a positive integer, got {size}.");
        Size = size;
        InputSpec = new InputSpec(NDim: 3);
    }

    /// <summary>The repetition factor.</summary>
    public int Size { get; }

    protected internal override Tensor Call(Tensor inputs) => Ops.Repeat(inputs, Size, axis: 1);

    public override Shape ComputeOutputShape(Shape inputShape) => SpatialShapes.Scale(inputShape, [Size]);

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["size"] = Size;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "UpSampling1D", c => new UpSampling1D(
        size: LayerConfig.Int(c, "size", "UpSampling1D"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
