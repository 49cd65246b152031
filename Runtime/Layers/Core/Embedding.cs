using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Core;

/// <summary>
/// Turns non-negative integer indices into dense vectors (Keras's <c>Embedding</c>): row i of the (input_dim, output_dim)
/// "embeddings" matrix for index i, so (batch, length) indices give (batch, length, output_dim). Indices are int32, or float32
/// holding whole numbers. With <see cref="MaskZero"/>, index 0 is padding: the output mask is 1 where the index is not 0.
/// </summary>
public sealed class Embedding : Layer
{
    private Variable? _embeddings;

    public Embedding(
        int inputDim,
        int outputDim,
        Initializer? embeddingsInitializer = null,
        Regularizer? embeddingsRegularizer = null,
        Constraint? embeddingsConstraint = null,
        bool maskZero = false,
        Regularizer? activityRegularizer = null,
        string? name = null,
        bool trainable = true,
        DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        if (inputDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, $"Embedding: 'inputDim' (the vocabulary size) must be a positive integer; received inputDim={inputDim}.");
        if (outputDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(outputDim), outputDim, $"Embedding: 'outputDim' must be a positive integer; received outputDim={outputDim}.");
        InputDim = inputDim;
        OutputDim = outputDim;
        EmbeddingsInitializer = embeddingsInitializer ?? Initializer.Get("uniform");
        EmbeddingsRegularizer = embeddingsRegularizer;
        EmbeddingsConstraint = embeddingsConstraint;
        MaskZero = maskZero;
        ActivityRegularizer = activityRegularizer;
    }

    /// <summary>The vocabulary size: indices must be in [0, input_dim).</summary>
    public int InputDim { get; }

    /// <summary>The size of each embedding vector.</summary>
    public int OutputDim { get; }

    public Initializer EmbeddingsInitializer { get; }

    public Regularizer? EmbeddingsRegularizer { get; }

    public Constraint? EmbeddingsConstraint { get; }

    /// <summary>Whether index 0 is padding that downstream layers should skip.</summary>
    public bool MaskZero { get; }

    /// <summary>A penalty on the layer's output, added to <see cref="Layer.Losses"/> at each call.</summary>
    public Regularizer? ActivityRegularizer { get; }

    /// <summary>The (input_dim, output_dim) matrix; null until built.</summary>
    public Variable? Embeddings => _embeddings;

    public override bool SupportsMasking => MaskZero;

    public override void Build(Shape inputShape) =>
        _embeddings = AddWeight("embeddings", new Shape(InputDim, OutputDim), EmbeddingsInitializer, EmbeddingsRegularizer, EmbeddingsConstraint);

    protected internal override Tensor Call(Tensor inputs)
    {
        var outputs = Ops.Take(_embeddings!, Indices(inputs), axis: 0);
        if (ActivityRegularizer is not null) AddLoss(ActivityRegularizer.Call(outputs));
        return outputs;
    }

    public override Tensor? ComputeMask(Tensor inputs, Tensor? mask) => MaskZero ? Ops.NotEqual(inputs, 0f) : null;

    public override Shape ComputeOutputShape(Shape inputShape) => new([.. inputShape, OutputDim]);

    // The inputs as int32 indices in [0, input_dim); Take alone would accept negative indices (counting from the end).
    private Tensor Indices(Tensor inputs)
    {
        if (inputs.DType == DType.Int32)
        {
            var ints = inputs.AsIntSpan();
            for (var i = 0; i < ints.Length; i++)
            {
                if ((uint)ints[i] >= (uint)InputDim) throw OutOfRange(ints[i], i);
            }
            return inputs;
        }
        var values = inputs.AsSpan();
        var result = Tensor.EmptyInt(inputs.Shape);
        var indices = result.Ints;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (v != MathF.Floor(v))
                throw new ArgumentException($"Layer '{Name}' (Embedding) takes integer indices; the float32 input holds {v} at position {i}.");
            if (!(v >= 0 && v < InputDim)) throw OutOfRange(v, i);
            indices[i] = (int)v;
        }
        return result;
    }

    private ArgumentOutOfRangeException OutOfRange(float index, int position) => new(
        "inputs",
        $"Layer '{Name}' (Embedding): index {index} at position {position} is out of range; indices must be in [0, {InputDim}) (input_dim={InputDim}).");

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["input_dim"] = InputDim;
        config["output_dim"] = OutputDim;
        config["embeddings_initializer"] = LayerConfig.Serialize(EmbeddingsInitializer);
        config["embeddings_regularizer"] = LayerConfig.Serialize(EmbeddingsRegularizer);
        config["activity_regularizer"] = LayerConfig.Serialize(ActivityRegularizer);
        config["embeddings_constraint"] = LayerConfig.Serialize(EmbeddingsConstraint);
        config["mask_zero"] = MaskZero;
        config["quantization_config"] = null;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Embedding", c =>
    {
        foreach (var key in (string[])["quantization_config", "lora_rank"])
        {
            if (c[key] is not null)
                throw new NotSupportedException($"Embedding config has '{key}' = {c[key]!.ToJsonString()}: quantized and LoRA embeddings are not supported.");
        }
        return new Embedding(
            inputDim: LayerConfig.Int(c, "input_dim", "Embedding"),
            outputDim: LayerConfig.Int(c, "output_dim", "Embedding"),
            embeddingsInitializer: LayerConfig.Initializer(c, "embeddings_initializer"),
            embeddingsRegularizer: LayerConfig.Regularizer(c, "embeddings_regularizer"),
            embeddingsConstraint: LayerConfig.Constraint(c, "embeddings_constraint"),
            maskZero: LayerConfig.Bool(c, "mask_zero", false),
            activityRegularizer: LayerConfig.Regularizer(c, "activity_regularizer"),
            name: LayerConfig.Name(c),
            trainable: LayerConfig.Trainable(c),
            dtype: LayerConfig.DType(c));
    });
}
