using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Recurrent;

/// <summary>
/// Keras's <c>TimeDistributed</c> wrapper: applies a layer to every temporal slice of a (batch, timesteps, ...) input, with one
/// set of weights for all timesteps, e.g. <c>TimeDistributed(Dense(8))</c> or <c>TimeDistributed(Conv2D(16, 3))</c> over a
/// sequence of images. Time is folded into the batch (one call on (batch·timesteps, ...)), which equals Keras's per-step loop for
/// layers that treat samples independently. The input mask passes through unchanged, and reaches the inner layer when it
/// supports masking.
/// </summary>
public sealed class TimeDistributed : Layer
{
    private readonly Layer _layer;

    public TimeDistributed(Layer layer, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        ArgumentNullException.ThrowIfNull(layer);
        _layer = layer;
    }

    /// <summary>The wrapped layer.</summary>
    public Layer Layer => _layer;

    public override bool SupportsMasking => true;

    public override void Build(Shape inputShape) => _layer.MaybeBuild([StepShape(inputShape)]);

    /// <summary>The inner layer's output shape with the time axis put back after the batch axis.</summary>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var step = _layer.ComputeOutputShape(StepShape(inputShape));
        return new Shape([step[0], inputShape[1], .. step.Skip(1)]);
    }

    protected internal override Tensor Call(Tensor inputs, bool training, Tensor? mask)
    {
        var (batch, timesteps) = (inputs.Shape[0], inputs.Shape[1]);
        if (mask is not null && (mask.Shape.Rank < 2 || mask.Shape[0] != batch || mask.Shape[1] != timesteps))
            throw new ArgumentException($"Layer '{Name}' (TimeDistributed): the mask must start with the input's (batch, timesteps) = ({batch}, {timesteps}); got {mask.Shape}.");
        var folded = Ops.Reshape(inputs, [batch * timesteps, .. inputs.Shape.Skip(2)]);
        // Keras passes the mask only to layers whose call takes one.
        var foldedMask = mask is not null && _layer.SupportsMasking ? mask.Reshape([batch * timesteps, .. mask.Shape.Skip(2)]) : null;
        var outputs = _layer.Invoke([folded], training, [foldedMask]);
        if (outputs.Count != 1)
            throw new InvalidOperationException($"Layer '{Name}' (TimeDistributed): the wrapped layer '{_layer.Name}' returns {outputs.Count} outputs; it must return one.");
        var y = outputs[0];
        return Ops.Reshape(y, [batch, timesteps, .. y.Shape.Skip(1)]);
    }

    /// <summary>Keras 3's config: the serialized inner layer under <c>layer</c>.</summary>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["layer"] = LayerConfig.Serialize(_layer);
        return config;
    }

    // Keras: "`TimeDistributed` Layer should be passed an `input_shape` with at least 3 dimensions".
    private Shape StepShape(Shape inputShape)
    {
        if (inputShape.Rank < 3)
            throw new ArgumentException($"Layer '{Name}' (TimeDistributed) should be passed an input of shape (batch, timesteps, ...) with at least 3 dimensions; received {inputShape}.");
        return new Shape([inputShape[0], .. inputShape.Skip(2)]);
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "TimeDistributed", c => new TimeDistributed(
        layer: c["layer"] is JsonObject layer
            ? KerasRegistry.Deserialize<Layer>(layer)
            : throw new FormatException("TimeDistributed config is missing the required key 'layer'."),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
