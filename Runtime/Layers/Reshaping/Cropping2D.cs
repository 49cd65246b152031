using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Reshaping;

/// <summary>Removes rows and columns from the borders of (batch, height, width, channels) inputs (Keras's <c>Cropping2D</c>).</summary>
public sealed class Cropping2D : Layer
{
    public Cropping2D(Margins2D? cropping = null, string? dataFormat = null, string? name = null, bool trainable = true,
        DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        Cropping = (cropping ?? 0).RequireNonNegative("Cropping2D", nameof(cropping));
        DataFormat = SpatialShapes.RequireChannelsLast(dataFormat, "Cropping2D");
        InputSpec = new InputSpec(NDim: 4);
    }

    public Margins2D Cropping { get; }

    /// <summary>"channels_last" (the only supported format for now).</summary>
    public string DataFormat { get; }

    protected internal override Tensor Call(Tensor inputs)
    {
        var shape = ComputeOutputShape(inputs.Shape);
        return Ops.Slice(inputs, [0, Cropping.Height.Top, Cropping.Width.Left, 0], shape.ToArray());
    }

    public override Shape ComputeOutputShape(Shape inputShape) => SpatialShapes.Resize(inputShape, Cropping.ToPairs(), sign: -1, ClassName);

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["cropping"] = Cropping.ToJson();
        config["data_format"] = DataFormat;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Cropping2D", c => new Cropping2D(
        cropping: Margins2D.FromConfig(c, "cropping", "Cropping2D"),
        dataFormat: LayerConfig.String(c, "data_format"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
