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

    /// <summary>Keras's <c>backend.epsilon()</c>: where the losses clip probabilities and guard divisions and logarithms.</summary>
    private protected const float Epsilon = 1e-7f;

    internal static readonly KerasCatalog<Loss> Catalog = new KerasCatalog<Loss>("keras.losses", "loss")
        .Add("MeanSquaredError", MeanSquaredError.FromConfig, "mean_squared_error", "mse", "MSE")
        .Add("MeanAbsoluteError", MeanAbsoluteError.FromConfig, "mean_absolute_error", "mae", "MAE")
        .Add("MeanAbsolutePercentageError", MeanAbsolutePercentageError.FromConfig, "mean_absolute_percentage_error", "mape", "MAPE")
        .Add("MeanSquaredLogarithmicError", MeanSquaredLogarithmicError.FromConfig, "mean_squared_logarithmic_error", "msle", "MSLE")
        .Add("BinaryCrossentropy", BinaryCrossentropy.FromConfig, "binary_crossentropy", "bce", "BCE")
        .Add("BinaryFocalCrossentropy", BinaryFocalCrossentropy.FromConfig, "binary_focal_crossentropy")
        .Add("CategoricalCrossentropy", CategoricalCrossentropy.FromConfig, "categorical_crossentropy")
        .Add("CategoricalFocalCrossentropy", CategoricalFocalCrossentropy.FromConfig, "categorical_focal_crossentropy")
        .Add("SparseCategoricalCrossentropy", SparseCategoricalCrossentropy.FromConfig, "sparse_categorical_crossentropy")
        .Add("KLDivergence", KLDivergence.FromConfig, "kl_divergence", "kld", "KLD", "kullback_leibler_divergence")
        .Add("Poisson", Poisson.FromConfig, "poisson")
        .Add("CosineSimilarity", CosineSimilarity.FromConfig, "cosine_similarity")
        .Add("Huber", Huber.FromConfig, "huber")
        .Add("LogCosh", LogCosh.FromConfig, "log_cosh", "logcosh")
        .Add("Hinge", Hinge.FromConfig, "hinge")
        .Add("SquaredHinge", SquaredHinge.FromConfig, "squared_hinge")
        .Add("CategoricalHinge", CategoricalHinge.FromConfig, "categorical_hinge");

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

    /// <summary>What the loss expects as labels, which decides the accuracy and crossentropy metrics that "accuracy" and "crossentropy" mean.</summary>
    internal virtual LabelEncoding LabelEncoding => LabelEncoding.Other;

    /// <summary>Per-sample losses (the batch axis and any axes the loss keeps); Keras's <c>call</c>.</summary>
    protected internal abstract Tensor ComputeValues(Tensor yTrue, Tensor yPred);

    /// <summary>
    /// The loss: per-sample values, weighted by <paramref name="sampleWeight"/> (broadcast), then reduced, as Keras's
    /// <c>Loss.__call__</c>. A Keras mask on <paramref name="yPred"/> (or one the loss attaches to its values, as
    /// SparseCategoricalCrossentropy's ignoreClass does) zeroes the masked entries, and "sum_over_batch_size" then averages
    /// over the unmasked ones only.
    /// </summary>
    public virtual Tensor Call(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        var inMask = yPred.KerasMask;
        // Keras converts both to the loss's dtype first: integer labels become float32 (exact up to 2^24).
        var values = ComputeValues(Ops.AsFloat32(yTrue), Ops.AsFloat32(yPred));
        var outMask = values.KerasMask;
        var mask = inMask is null ? outMask
            : outMask is null ? inMask
            : Ops.Multiply(Ops.AsFloat32(inMask), Ops.AsFloat32(outMask));
        return LossReduction.ReduceWeightedValues(values, sampleWeight, mask, Reduction, ClassName);
    }

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

    public override string ToString() => KerasCatalog<Loss>.Describe(this);

    internal static void RegisterBuiltIns() => Catalog.RegisterAll();

    /// <summary>
    /// What Keras's <c>LossFunctionWrapper</c> does before every built-in loss function: labels as float32, and a trailing size-1
    /// axis squeezed or added so both have the same rank; the two must then broadcast together.
    /// </summary>
    private protected (Tensor YTrue, Tensor YPred) SameRank(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = LossReduction.SqueezeOrExpandToSameRank(Ops.AsFloat32(yTrue), Ops.AsFloat32(yPred));
        try
        {
            OpShapes.Broadcast(t.Shape, p.Shape, ClassName);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"{ClassName}: y_true of shape {yTrue.Shape} and y_pred of shape {yPred.Shape} are incompatible; they must have the same shape (or broadcast together).");
        }
        return (t, p);
    }

    /// <summary>Like <see cref="SameRank"/>, for crossentropies, whose labels and predictions must have exactly the same shape.</summary>
    private protected (Tensor YTrue, Tensor YPred) SameShape(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = LossReduction.SqueezeOrExpandToSameRank(Ops.AsFloat32(yTrue), Ops.AsFloat32(yPred));
        if (t.Shape != p.Shape)
            throw new ArgumentException($"{ClassName}: y_true and y_pred must have the same shape; got y_true {yTrue.Shape} and y_pred {yPred.Shape}.");
        return (t, p);
    }

    /// <summary>Keras's label smoothing toward 0.5 (binary losses): y (1 - s) + 0.5 s.</summary>
    private protected static Tensor SmoothBinaryLabels(Tensor yTrue, float labelSmoothing) => labelSmoothing == 0f
        ? yTrue
        : Ops.Add(Ops.Multiply(yTrue, Tensor.Scalar((float)(1.0 - labelSmoothing))), Tensor.Scalar((float)(0.5 * labelSmoothing)));

    /// <summary>Keras's label smoothing over the classes of the last axis (categorical losses): y (1 - s) + s / classes.</summary>
    private protected static Tensor SmoothCategoricalLabels(Tensor yTrue, float labelSmoothing)
    {
        if (labelSmoothing == 0f) return yTrue;
        var classes = yTrue.Rank == 0 ? 1 : yTrue.Shape[-1];
        return Ops.Add(Ops.Multiply(yTrue, Tensor.Scalar((float)(1.0 - labelSmoothing))), Tensor.Scalar(labelSmoothing / classes));
    }

    /// <summary>
    /// Keras's <c>convert_binary_labels_to_hinge</c>: labels that are all 0 or 1 become -1 or 1 (2y - 1); any other labels are
    /// taken as they are.
    /// </summary>
    private protected static Tensor HingeLabels(Tensor yTrue)
    {
        foreach (var y in yTrue.AsSpan())
        {
            if (y is not (0f or 1f)) return yTrue;
        }
        return 2f * yTrue - 1f;
    }

    /// <summary>The axis of <paramref name="x"/> a loss reduces over, or an error naming the loss, the axis and the shape.</summary>
    private protected int CheckAxis(int axis, Tensor x)
    {
        if (axis >= x.Rank || axis < -x.Rank)
            throw new ArgumentException($"{ClassName}: axis {axis} is out of range for y_pred of shape {x.Shape} (rank {x.Rank}).");
        return axis;
    }

    /// <summary>Keras's float argument checks: a finite value in [min, max].</summary>
    private protected static float InRange(float value, float min, float max, string argument, string owner) =>
        float.IsFinite(value) && value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(argument, value, $"{owner}: {argument} must be in [{min}, {max}]; got {value}.");

    /// <summary>A finite value >= 0.</summary>
    private protected static float NonNegative(float value, string argument, string owner) =>
        float.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(argument, value, $"{owner}: {argument} must be a finite number >= 0; got {value}.");

    /// <summary>The name of a serialized loss, or its default.</summary>
    private protected static string ConfigName(JsonObject config, string fallback, string owner) => config.GetString("name", fallback, owner);

    /// <summary>
    /// The reduction of a serialized loss. Keras writes Python's None as null, which means "none"; Keras 2's "auto" meant
    /// "sum_over_batch_size" outside distribution strategies.
    /// </summary>
    private protected static string ConfigReduction(JsonObject config, string owner)
    {
        if (config.TryGetPropertyValue("reduction", out var node) && node is null) return "none";
        var reduction = config.GetString("reduction", "sum_over_batch_size", owner);
        return reduction == "auto" ? "sum_over_batch_size" : reduction;
    }
}
