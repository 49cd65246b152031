using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Reshaping;

/// <summary>
/// Repeats the elements of (batch, dim1, dim2, dim3, channels) inputs along each spatial axis by <see cref="Size"/>
/// (Keras's <c>UpSampling3D</c>).
/// </summary>
public sealed class UpSampling3D : Layer
{
    public UpSampling3D(Size3D? size = null, string? dataFormat = null, string? name = null, bool trainable = true,
        DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        Size = (size ?? 2).RequirePositive("UpSampling3D", nameof(size));
        DataFormat = SpatialShapes.RequireChannelsLast(dataFormat, "UpSampling3D");
        InputSpec = new InputSpec(NDim: 5);
    }

    public Size3D Size { get; }

    /// <summary>"channels_last" (the only supported format for now).</summary>
    public string DataFormat { get; }

    protected internal override Tensor Call(Tensor inputs) =>
        Ops.Repeat(Ops.Repeat(Ops.Repeat(inputs, Size.Dim1, axis: 1), Size.Dim2, axis: 2), Size.Dim3, axis: 3);

    public override Shape ComputeOutputShape(Shape inputShape) => SpatialShapes.Scale(inputShape, Size.ToArray());

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["size"] = Size.ToJson();
        config["data_format"] = DataFormat;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "UpSampling3D", c => new UpSampling3D(
        size: Size3D.FromConfig(c, "size", "UpSampling3D"),
        dataFormat: LayerConfig.String(c, "data_format"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
