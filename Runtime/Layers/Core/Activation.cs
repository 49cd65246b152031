using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Activations;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Core;

/// <summary>Applies an activation function, given by its Keras name ("relu", "softmax", ...), to its input (Keras's <c>Activation</c>).</summary>
public sealed class Activation : Layer
{
    private readonly Func<Tensor, Tensor> _function;

    public Activation(string activation, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        ArgumentNullException.ThrowIfNull(activation);
        _function = ActivationCatalog.Get(activation);
        ActivationName = activation;
        MarkBuilt();
    }

    /// <summary>The activation's Keras name.</summary>
    public string ActivationName { get; }

    public override bool SupportsMasking => true;

    protected internal override Tensor Call(Tensor inputs) => _function(inputs);

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["activation"] = ActivationName;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Activation", c => new Activation(
        activation: LayerConfig.String(c, "activation") ?? throw new FormatException("Activation config is missing the required key 'activation'."),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
