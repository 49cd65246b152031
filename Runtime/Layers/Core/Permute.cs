using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Core;

/// <summary>
/// Permutes the axes of each sample (Keras's <c>Permute</c>): <see cref="Dims"/> numbers the axes from 1, excluding the batch
/// axis, so (2, 1) turns (batch, 10, 64) into (batch, 64, 10).
/// </summary>
public sealed class Permute : Layer
{
    private readonly int[] _dims;

    public Permute(int[] dims, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (!dims.Order().SequenceEqual(Enumerable.Range(1, dims.Length)))
            throw new ArgumentException(
                $"Permute: invalid permutation argument 'dims' [{string.Join(", ", dims)}]: the indices must be 1..{dims.Length}, each once " +
                "(they number the axes after the batch axis, starting from 1).", nameof(dims));
        _dims = (int[])dims.Clone();
        InputSpec = new InputSpec(NDim: dims.Length + 1);
    }

    /// <summary>The permutation of the sample axes, 1-based.</summary>
    public IReadOnlyList<int> Dims => _dims;

    protected internal override Tensor Call(Tensor inputs) => Ops.Transpose(inputs, [0, .. _dims]);

    public override Shape ComputeOutputShape(Shape inputShape) => new([inputShape[0], .. _dims.Select(d => inputShape[d])]);

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["dims"] = LayerConfig.IntsToJson(_dims);
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Permute", c => new Permute(
        dims: LayerConfig.Ints(c, "dims") ?? throw new FormatException("Permute config is missing the required key 'dims'."),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
