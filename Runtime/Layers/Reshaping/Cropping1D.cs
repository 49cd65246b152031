using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Reshaping;

/// <summary>Removes steps from the start and end of the time axis of (batch, steps, features) inputs (Keras's <c>Cropping1D</c>).</summary>
public sealed class Cropping1D : Layer
{
    public Cropping1D(Margins1D? cropping = null, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        Cropping = (cropping ?? 1).RequireNonNegative("Cropping1D", nameof(cropping));
        InputSpec = new InputSpec(NDim: 3);
    }

    public Margins1D Cropping { get; }

    protected internal override Tensor Call(Tensor inputs) =>
        Ops.Slice(inputs, [0, Cropping.Before, 0], ComputeOutputShape(inputs.Shape).ToArray());

    public override Shape ComputeOutputShape(Shape inputShape) =>
        SpatialShapes.Resize(inputShape, [(Cropping.Before, Cropping.After)], sign: -1, ClassName);

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["cropping"] = Cropping.ToJson();
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Cropping1D", c => new Cropping1D(
        cropping: Margins1D.FromConfig(c, "cropping", "Cropping1D"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
