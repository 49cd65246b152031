using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Regularization;

/// <summary>
/// Passes its input through and adds l1 * sum(|x|) + l2 * sum(x²) of it to <see cref="Layer.Losses"/> at every call (Keras's
/// <c>ActivityRegularization</c>), penalizing large activations.
/// </summary>
public sealed class ActivityRegularization : Layer
{
    private readonly L1L2 _regularizer;

    public ActivityRegularization(float l1 = 0f, float l2 = 0f, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        _regularizer = new L1L2(l1, l2);
        MarkBuilt();
    }

    /// <summary>The L1 factor.</summary>
    public float L1 => _regularizer.L1Factor;

    /// <summary>The L2 factor.</summary>
    public float L2 => _regularizer.L2Factor;

    public override bool SupportsMasking => true;

    protected internal override Tensor Call(Tensor inputs)
    {
        AddLoss(_regularizer.Call(inputs));
        return inputs;
    }

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["l1"] = L1;
        config["l2"] = L2;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "ActivityRegularization", c => new ActivityRegularization(
        l1: c.GetFloat("l1", 0f, "ActivityRegularization"),
        l2: c.GetFloat("l2", 0f, "ActivityRegularization"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
