using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Reshaping;

/// <summary>Adds zeros at the start and end of the time axis of (batch, steps, features) inputs (Keras's <c>ZeroPadding1D</c>).</summary>
public sealed class ZeroPadding1D : Layer
{
    public ZeroPadding1D(Margins1D? padding = null, string? dataFormat = null, string? name = null, bool trainable = true,
        DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        Padding = (padding ?? 1).RequireNonNegative("ZeroPadding1D", nameof(padding));
        DataFormat = SpatialShapes.RequireChannelsLast(dataFormat, "ZeroPadding1D");
        InputSpec = new InputSpec(NDim: 3);
    }

    public Margins1D Padding { get; }

    /// <summary>"channels_last" (the only supported format for now).</summary>
    public string DataFormat { get; }

    protected internal override Tensor Call(Tensor inputs) => Ops.Pad(inputs, [(0, 0), (Padding.Before, Padding.After), (0, 0)]);

    public override Shape ComputeOutputShape(Shape inputShape) =>
        SpatialShapes.Resize(inputShape, [(Padding.Before, Padding.After)], sign: 1);

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["padding"] = Padding.ToJson();
        config["data_format"] = DataFormat;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "ZeroPadding1D", c => new ZeroPadding1D(
        padding: Margins1D.FromConfig(c, "padding", "ZeroPadding1D"),
        dataFormat: LayerConfig.String(c, "data_format"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
