using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Reshaping;

/// <summary>Removes the borders of the three spatial axes of (batch, dim1, dim2, dim3, channels) inputs (Keras's <c>Cropping3D</c>).</summary>
public sealed class Cropping3D : Layer
{
    public Cropping3D(Margins3D? cropping = null, string? dataFormat = null, string? name = null, bool trainable = true,
        DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        Cropping = (cropping ?? 1).RequireNonNegative("Cropping3D", nameof(cropping));
        DataFormat = SpatialShapes.RequireChannelsLast(dataFormat, "Cropping3D");
        InputSpec = new InputSpec(NDim: 5);
    }

    public Margins3D Cropping { get; }

    /// <summary>"channels_last" (the only supported format for now).</summary>
    public string DataFormat { get; }

    protected internal override Tensor Call(Tensor inputs)
    {
        var shape = ComputeOutputShape(inputs.Shape);
        return Ops.Slice(inputs, [0, Cropping.Dim1.Before, Cropping.Dim2.Before, Cropping.Dim3.Before, 0], shape.ToArray());
    }

    public override Shape ComputeOutputShape(Shape inputShape) => SpatialShapes.Resize(inputShape, Cropping.ToPairs(), sign: -1, ClassName);

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["cropping"] = Cropping.ToJson();
        config["data_format"] = DataFormat;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Cropping3D", c => new Cropping3D(
        cropping: Margins3D.FromConfig(c, "cropping", "Cropping3D"),
        dataFormat: LayerConfig.String(c, "data_format"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
