using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Reshaping;

/// <summary>
/// Repeats the rows and columns of (batch, height, width, channels) inputs by <see cref="Size"/> (Keras's <c>UpSampling2D</c>).
/// "nearest" repeats; "bilinear" interpolates with half-pixel centers as Keras's <c>ops.image.resize</c>.
/// </summary>
public sealed class UpSampling2D : Layer
{
    public UpSampling2D(Size2D? size = null, string? dataFormat = null, string interpolation = "nearest", string? name = null,
        bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        ArgumentNullException.ThrowIfNull(interpolation);
        Size = (size ?? 2).RequirePositive("UpSampling2D", nameof(size));
        DataFormat = SpatialShapes.RequireChannelsLast(dataFormat, "UpSampling2D");
        Interpolation = interpolation.ToLowerInvariant() switch
        {
            "nearest" => "nearest",
            "bilinear" => "bilinear",
            "bicubic" or "lanczos3" or "lanczos5" => throw new NotSupportedException(
                $"UpSampling2D: interpolation '{interpolation}' is not supported yet; use 'nearest' or 'bilinear'."),
            _ => throw new ArgumentException(
                $"UpSampling2D: 'interpolation' must be 'nearest' or 'bilinear', got '{interpolation}'.", nameof(interpolation)),
        };
        InputSpec = new InputSpec(NDim: 4);
    }

    public Size2D Size { get; }

    /// <summary>"channels_last" (the only supported format for now).</summary>
    public string DataFormat { get; }

    /// <summary>"nearest" or "bilinear".</summary>
    public string Interpolation { get; }

    protected internal override Tensor Call(Tensor inputs) => Interpolation == "bilinear"
        ? BilinearUpsampling.Axis(BilinearUpsampling.Axis(inputs, 1, Size.Height), 2, Size.Width)
        : Ops.Repeat(Ops.Repeat(inputs, Size.Height, axis: 1), Size.Width, axis: 2);

    public override Shape ComputeOutputShape(Shape inputShape) => SpatialShapes.Scale(inputShape, Size.ToArray());

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["size"] = Size.ToJson();
        config["data_format"] = DataFormat;
        config["interpolation"] = Interpolation;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "UpSampling2D", c => new UpSampling2D(
        size: Size2D.FromConfig(c, "size", "UpSampling2D"),
        dataFormat: LayerConfig.String(c, "data_format"),
        interpolation: LayerConfig.String(c, "interpolation", "nearest")!,
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
