using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Regularizers;

/// <summary>
/// A penalty on a weight (or a layer's activity) that is added to the loss, as Keras's <c>keras.regularizers.Regularizer</c>:
/// <see cref="Call"/> returns a scalar written with <see cref="Ops"/>, so it lands on the tape and its gradient flows to the
/// weight. Built-in regularizers are found by their Keras names with <see cref="Get(string)"/> ("l1", "l2", ...).
/// </summary>
public abstract class Regularizer : IKerasSerializable
{
    internal static readonly KerasCatalog<Regularizer> Catalog = new KerasCatalog<Regularizer>("keras.regularizers", "regularizer")
        .Add("L1", L1.FromConfig, "l1")
        .Add("L2", L2.FromConfig, "l2")
        .Add("L1L2", L1L2.FromConfig, "l1l2")
        // Keras documents the string "l1_l2" as L1L2 with both factors 0.01 (Keras 2's l1_l2 function), unlike the class's 0 defaults.
        .Alias("l1_l2", () => new L1L2(0.01f, 0.01f))
        .Add("OrthogonalRegularizer", OrthogonalRegularizer.FromConfig, "orthogonal_regularizer");

    /// <summary>Every name <see cref="Get(string)"/> accepts.</summary>
    public static IReadOnlyList<string> Names => Catalog.Names;

    /// <inheritdoc />
    public virtual string Module => "keras.regularizers";

    /// <inheritdoc />
    public abstract string ClassName { get; }

    /// <summary>The constructor arguments under their Keras names (Keras requires regularizers to define it).</summary>
    public abstract JsonObject GetConfig();

    /// <summary>The penalty for <paramref name="weights"/>: a float32 scalar, differentiable with respect to the weights.</summary>
    public abstract Tensor Call(Tensor weights);

    /// <summary>
    /// The regularizer called <paramref name="name"/>, with its default arguments: "l1" (0.01), "l2" (0.01), "l1_l2" (0.01 and
    /// 0.01), "orthogonal_regularizer", or a class name ("L1L2" has Keras's class defaults, 0 and 0). Case-sensitive; an unknown
    /// name throws an error listing the valid ones.
    /// </summary>
    public static Regularizer Get(string name) => Catalog.Get(name);

    /// <summary>Lets every argument typed Regularizer take a Keras name too: <c>Dense(64, kernelInitializer: "he_normal")</c>.</summary>
    public static implicit operator Regularizer(string name) => Get(name);

    /// <summary>
    /// Keras's <c>keras.regularizers.get</c>: a name, a <see cref="Regularizer"/> (returned as is) or a serialized config as a
    /// <see cref="JsonObject"/>; null gives null (no penalty).
    /// </summary>
    public static Regularizer? Get(object? identifier) => Catalog.Get(identifier);

    public override string ToString() => KerasCatalog<Regularizer>.Describe(this);

    internal static void RegisterBuiltIns() => Catalog.RegisterAll();

    /// <summary>Keras's <c>validate_float_arg</c>: a finite factor >= 0.</summary>
    private protected static float NonNegative(float value, string argument, string owner) => float.IsFinite(value) && value >= 0
        ? value
        : throw new ArgumentOutOfRangeException(argument, value, $"{owner}: {argument} must be a finite number >= 0; got {value}.");

    /// <summary>Throws unless the weights are a float32 tensor, naming the regularizer.</summary>
    private protected void RequireFloat(Tensor weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.DType != DType.Float32)
            throw new ArgumentException($"{ClassName}: the weights must be float32; got {weights.DType.KerasName()} with shape {weights.Shape}.", nameof(weights));
    }

    /// <summary>factor * sum(|x|) (the L1 penalty).</summary>
    private protected static Tensor L1Penalty(Tensor x, float factor) => Ops.Multiply(Tensor.Scalar(factor), Ops.Sum(Ops.Abs(x)));

    /// <summary>factor * sum(x²) (the L2 penalty).</summary>
    private protected static Tensor L2Penalty(Tensor x, float factor) => Ops.Multiply(Tensor.Scalar(factor), Ops.Sum(Ops.Square(x)));
}
