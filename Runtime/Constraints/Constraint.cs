using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Constraints;

/// <summary>
/// A projection applied to a weight after each optimizer update, as Keras's <c>keras.constraints.Constraint</c>: <see cref="Call"/>
/// returns the projected weight (normalized, clipped, ...). It is not differentiated: the built-in constraints never record on a
/// <see cref="GradientTape"/>. Built-in constraints are found by their Keras names with <see cref="Get(string)"/>.
/// </summary>
public abstract class Constraint : IKerasSerializable
{
    /// <summary>Keras's <c>backend.epsilon()</c>, added to the norms the constraints divide by.</summary>
    private protected const float Epsilon = 1e-7f;

    internal static readonly KerasCatalog<Constraint> Catalog = new KerasCatalog<Constraint>("keras.constraints", "constraint")
        .Add("MaxNorm", MaxNorm.FromConfig, "max_norm")
        .Add("MinMaxNorm", MinMaxNorm.FromConfig, "min_max_norm")
        .Add("NonNeg", NonNeg.FromConfig, "non_neg")
        .Add("UnitNorm", UnitNorm.FromConfig, "unit_norm");

    /// <summary>Every name <see cref="Get(string)"/> accepts.</summary>
    public static IReadOnlyList<string> Names => Catalog.Names;

    /// <inheritdoc />
    public virtual string Module => "keras.constraints";

    /// <inheritdoc />
    public abstract string ClassName { get; }

    /// <summary>The constructor arguments under their Keras names (none for <see cref="NonNeg"/>).</summary>
    public virtual JsonObject GetConfig() => [];

    /// <summary>The projection of <paramref name="weights"/>: a new tensor of the same shape.</summary>
    public abstract Tensor Call(Tensor weights);

    /// <summary>
    /// The constraint called <paramref name="name"/>, with its default arguments: "max_norm", "min_max_norm", "non_neg",
    /// "unit_norm" or a class name. Case-sensitive; an unknown name throws an error listing the valid ones.
    /// </summary>
    public static Constraint Get(string name) => Catalog.Get(name);

    /// <summary>Lets every argument typed Constraint take a Keras name too: <c>Dense(64, kernelInitializer: "he_normal")</c>.</summary>
    public static implicit operator Constraint(string name) => Get(name);

    /// <summary>
    /// Keras's <c>keras.constraints.get</c>: a name, a <see cref="Constraint"/> (returned as is) or a serialized config as a
    /// <see cref="JsonObject"/>; null gives null (no constraint).
    /// </summary>
    public static Constraint? Get(object? identifier) => Catalog.Get(identifier);

    public override string ToString() => KerasCatalog<Constraint>.Describe(this);

    internal static void RegisterBuiltIns() => Catalog.RegisterAll();

    /// <summary>Runs a projection without recording it on any tape, after checking the weights are float32.</summary>
    private protected Tensor Project(Tensor weights, Func<Tensor, Tensor> projection)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.DType != DType.Float32)
            throw new ArgumentException($"{ClassName}: the weights must be float32; got {weights.DType.KerasName()} with shape {weights.Shape}.", nameof(weights));
        return GradientTape.NoRecord(() => projection(weights));
    }

    /// <summary>The L2 norms of <paramref name="weights"/> over <paramref name="axes"/>, kept as size-1 axes to broadcast back.</summary>
    private protected Tensor Norms(Tensor weights, IReadOnlyList<int> axes)
    {
        foreach (var axis in axes)
        {
            if (axis < -weights.Rank || axis >= weights.Rank)
                throw new ArgumentException($"{ClassName}: axis {axis} is out of range for weights of shape {weights.Shape} (rank {weights.Rank}; valid: {-weights.Rank}..{weights.Rank - 1}).");
        }
        return Ops.Sqrt(Ops.Sum(Ops.Square(weights), axes.ToArray(), keepDims: true));
    }

    /// <summary>Checks and copies an axis list (a constraint's norms are taken over these axes).</summary>
    private protected static int[] CheckAxes(int[] axis, string owner)
    {
        ArgumentNullException.ThrowIfNull(axis);
        if (axis.Length == 0)
            throw new ArgumentException($"{owner}: axis must name at least one axis.", nameof(axis));
        return (int[])axis.Clone();
    }
}
