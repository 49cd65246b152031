using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>
/// A loss, as Keras's <c>keras.losses.Loss</c>: <see cref="ComputeValues"/> (Keras's <c>call</c>) gives per-sample losses, and
/// <see cref="Call"/> (Keras's <c>__call__</c>) applies sample weights and the reduction. Written with <see cref="Ops"/>, so it
/// is differentiable on a tape. Built-in losses are found by their Keras names with <see cref="Get(string)"/>.
/// </summary>
public abstract class Loss : IKerasSerializable
{
    /// <summary>Keras's reductions: "sum_over_batch_size" (default), "sum", "mean", "mean_with_sample_weight", "none".</summary>
    public static IReadOnlyList<string> Reductions { get; } = ["sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none"];

    internal static readonly KerasCatalog<Loss> Catalog = new("keras.losses", "loss");

    protected Loss(string name, string reduction = "sum_over_batch_size")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Reductions.Contains(reduction))
            throw new ArgumentException($"{GetType().Name}: invalid reduction '{reduction}'; expected one of {string.Join(", ", Reductions)}.", nameof(reduction));
        Name = name;
        Reduction = reduction;
    }

    /// <summary>The loss's name (its snake_case Keras name by default), used for logs.</summary>
    public string Name { get; }

    /// <summary>How per-sample losses become the result.</summary>
    public string Reduction { get; }

    public virtual string Module => "keras.losses";

    public abstract string ClassName { get; }

    /// <summary>Per-sample losses (the batch axis and any axes the loss keeps); Keras's <c>call</c>.</summary>
    protected internal abstract Tensor ComputeValues(Tensor yTrue, Tensor yPred);

    /// <summary>The loss: per-sample values, weighted by <paramref name="sampleWeight"/> (broadcast), then reduced.</summary>
    public abstract Tensor Call(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null);

    /// <summary>name and reduction; losses add their arguments.</summary>
    public virtual JsonObject GetConfig() => new() { ["name"] = Name, ["reduction"] = Reduction };

    /// <summary>The loss called <paramref name="name"/> ("mse", "sparse_categorical_crossentropy", ...); unknown names list close valid ones.</summary>
    public static Loss Get(string name) => Catalog.Get(name);

    /// <summary>Lets every argument typed Loss take a Keras name: <c>Compile(loss: "mse")</c>.</summary>
    public static implicit operator Loss(string name) => Get(name);

    /// <summary>Keras's <c>keras.losses.get</c>: a name, a <see cref="Loss"/>, or a serialized config.</summary>
    public static Loss? Get(object? identifier) => Catalog.Get(identifier);

    /// <summary>Every name <see cref="Get(string)"/> accepts.</summary>
    public static IReadOnlyList<string> Names => Catalog.Names;

    internal static void RegisterBuiltIns() => Catalog.RegisterAll();
}
