using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Reshaping;

/// <summary>Adds rows and columns of zeros around (batch, height, width, channels) inputs (Keras's <c>ZeroPadding2D</c>).</summary>
public sealed class ZeroPadding2D : Layer
{
    public ZeroPadding2D(Margins2D? padding = null, string? dataFormat = null, string? name = null, bool trainable = true,
        DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        Padding = (padding ?? 1).RequireNonNegative("ZeroPadding2D", nameof(padding));
        DataFormat = SpatialShapes.RequireChannelsLast(dataFormat, "ZeroPadding2D");
        InputSpec = new InputSpec(NDim: 4);
    }

    public Margins2D Padding { get; }

    /// <summary>"channels_last" (the only supported format for now).</summary>
    public string DataFormat { get; }

    protected internal override Tensor Call(Tensor inputs)
    {
        var hw = Padding.ToPairs();
        return Ops.Pad(inputs, [(0, 0), hw[0], hw[1], (0, 0)]);
    }

    public override Shape ComputeOutputShape(Shape inputShape) => SpatialShapes.Resize(inputShape, Padding.ToPairs(), sign: 1);

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["padding"] = Padding.ToJson();
        config["data_format"] = DataFormat;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "ZeroPadding2D", c => new ZeroPadding2D(
        padding: Margins2D.FromConfig(c, "padding", "ZeroPadding2D"),
        dataFormat: LayerConfig.String(c, "data_format"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
