using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Reshaping;

/// <summary>Adds zeros around the three spatial axes of (batch, dim1, dim2, dim3, channels) inputs (Keras's <c>ZeroPadding3D</c>).</summary>
public sealed class ZeroPadding3D : Layer
{
    public ZeroPadding3D(Margins3D? padding = null, string? dataFormat = null, string? name = null, bool trainable = true,
        DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        Padding = (padding ?? 1).RequireNonNegative("ZeroPadding3D", nameof(padding));
        DataFormat = SpatialShapes.RequireChannelsLast(dataFormat, "ZeroPadding3D");
        InputSpec = new InputSpec(NDim: 5);
    }

    public Margins3D Padding { get; }

    /// <summary>"channels_last" (the only supported format for now).</summary>
    public string DataFormat { get; }

    protected internal override Tensor Call(Tensor inputs) => Ops.Pad(inputs, [(0, 0), .. Padding.ToPairs(), (0, 0)]);

    public override Shape ComputeOutputShape(Shape inputShape) => SpatialShapes.Resize(inputShape, Padding.ToPairs(), sign: 1);

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["padding"] = Padding.ToJson();
        config["data_format"] = DataFormat;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "ZeroPadding3D", c => new ZeroPadding3D(
        padding: Margins3D.FromConfig(c, "padding", "ZeroPadding3D"),
        dataFormat: LayerConfig.String(c, "data_format"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
