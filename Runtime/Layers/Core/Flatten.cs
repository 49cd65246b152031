using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Core;

/// <summary>
/// Flattens every axis but the batch axis: (batch, d1, d2, ...) → (batch, d1·d2·...); a (batch,) input becomes (batch, 1)
/// (Keras's <c>Flatten</c>). With "channels_first" the channel axis is moved last first, so the element order is that of the
/// channels-last layout.
/// </summary>
public sealed class Flatten : Layer
{
    public Flatten(string? dataFormat = null, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        DataFormat = StandardizeDataFormat(dataFormat, "Flatten");
        InputSpec = new InputSpec(MinNDim: 1);
    }

    /// <summary>"channels_last" (default) or "channels_first".</summary>
    public string DataFormat { get; }

    protected internal override Tensor Call(Tensor inputs)
    {
        var rank = inputs.Rank;
        if (DataFormat == "channels_first" && rank > 2)
        {
            var axes = new int[rank];
            for (var i = 1; i < rank - 1; i++) axes[i] = i + 1;
            axes[rank - 1] = 1;
            inputs = Ops.Transpose(inputs, axes);
        }
        // Explicit sizes (no -1), so an empty batch reshapes too.
        return Ops.Reshape(inputs, inputs.Shape[0], inputs.Shape.Product(1, rank));
    }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var flattened = 1;
        for (var i = 1; i < inputShape.Rank; i++)
        {
            if (inputShape[i] < 0)
            {
                flattened = -1;
                break;
            }
            flattened *= inputShape[i];
        }
        return new Shape(inputShape[0], flattened);
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["data_format"] = DataFormat;
        return config;
    }

    /// <summary>Keras's <c>standardize_data_format</c>: null gives "channels_last"; anything but the two formats is an error.</summary>
    internal static string StandardizeDataFormat(string? dataFormat, string layer)
    {
        var format = dataFormat?.ToLowerInvariant() ?? "channels_last";
        return format is "channels_last" or "channels_first"
            ? format
            : throw new ArgumentException(
                $"{layer}: the 'dataFormat' argument must be one of {{'channels_first', 'channels_last'}}; received dataFormat='{dataFormat}'.", nameof(dataFormat));
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Flatten", c => new Flatten(
        dataFormat: LayerConfig.String(c, "data_format"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
