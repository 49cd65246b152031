using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Core;

/// <summary>Repeats a (batch, features) input <see cref="N"/> times into (batch, n, features) (Keras's <c>RepeatVector</c>).</summary>
public sealed class RepeatVector : Layer
{
    public RepeatVector(int n, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        if (n <= 0)
            throw new ArgumentOutOfRangeException(nameof(n), n, $"RepeatVector: the repetition factor 'n' must be a positive integer; received n={n}.");
        N = n;
        InputSpec = new InputSpec(NDim: 2);
    }

    /// <summary>The repetition factor.</summary>
    public int N { get; }

    protected internal override Tensor Call(Tensor inputs) =>
        Ops.Repeat(Ops.Reshape(inputs, inputs.Shape[0], 1, inputs.Shape[1]), N, axis: 1);

    public override Shape ComputeOutputShape(Shape inputShape) => new(inputShape[0], N, inputShape[1]);

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["n"] = N;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "RepeatVector", c => new RepeatVector(
        n: LayerConfig.Int(c, "n", "RepeatVector"),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
