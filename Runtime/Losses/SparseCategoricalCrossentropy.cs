using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>
/// Categorical crossentropy for integer class labels (Keras's <c>SparseCategoricalCrossentropy</c>,
/// "sparse_categorical_crossentropy"): y_true holds class indices (int32, or floats holding integers) of shape y_pred's without
/// its last (class) axis, or with a trailing size-1 axis. A label out of [0, classes) is an error naming it. With
/// <see cref="IgnoreClass"/>, entries of that label contribute nothing and are left out of the average.
/// </summary>
public sealed class SparseCategoricalCrossentropy : Loss
{
    public SparseCategoricalCrossentropy(bool fromLogits = false, int? ignoreClass = null,
        string reduction = "sum_over_batch_size", string name = "sparse_categorical_crossentropy")
        : base(name, reduction)
    {
        FromLogits = fromLogits;
        IgnoreClass = ignoreClass;
    }

    /// <summary>Whether y_pred holds logits rather than probabilities.</summary>
    public bool FromLogits { get; }

    /// <summary>A label to leave out of the loss (e.g. a "void" class such as -1 or 255 in segmentation maps), or null.</summary>
    public int? IgnoreClass { get; }

    public override string ClassName => "SparseCategoricalCrossentropy";

    internal override LabelEncoding LabelEncoding => LabelEncoding.SparseCategorical;

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        Ops.RequireFloat(yPred, ClassName, "y_pred");
        if (yPred.Rank == 0)
            throw new ArgumentException($"{ClassName}: y_pred must have a class axis (shape (batch, classes)); got a scalar.");
        var labels = yTrue;
        if (labels.Rank == yPred.Rank && labels.Shape[-1] == 1) labels = labels.WithShape(new Shape(labels.Shape.Dims[..^1]));
        var classShape = new Shape(yPred.Shape.Dims[..^1]);
        if (labels.Shape != classShape)
            throw new ArgumentException($"{ClassName}: y_true must hold one class index per row of y_pred, shape {classShape} (or {yPred.Shape.WithDim(-1, 1)}); got y_true {yTrue.Shape} for y_pred {yPred.Shape}.");

        var (indices, valid) = ClassIndices(labels, yPred.Shape[-1]);
        var p = yPred;
        // Ignored rows are replaced by a harmless constant so that neither the loss nor its gradient can turn into NaN there.
        if (valid is not null) p = Ops.Where(Ops.ExpandDims(valid, -1), p, 1f);
        var result = Crossentropy.Categorical(Ops.OneHot(indices, yPred.Shape[-1]), p, FromLogits, -1);
        if (valid is null) return result;
        result = Ops.Where(valid, result, 0f);
        result.KerasMask = valid;
        return result;
    }

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["from_logits"] = FromLogits;
        config["ignore_class"] = IgnoreClass;
        return config;
    }

    internal static SparseCategoricalCrossentropy FromConfig(JsonObject config) => new(
        LayerConfig.Bool(config, "from_logits", false),
        config.GetNullableInt("ignore_class", "SparseCategoricalCrossentropy"),
        ConfigReduction(config, "SparseCategoricalCrossentropy"),
        ConfigName(config, "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy"));

    /// <summary>
    /// Checks labels for a model with <paramref name="classes"/> outputs before any training step (what the trainer runs on the
    /// whole of y): the same error as the loss for a label that is not an integer or is out of range, ignored labels excepted.
    /// </summary>
    internal void ValidateLabels(Tensor yTrue, int classes)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ClassIndices(yTrue, classes);
    }

    /// <summary>
    /// The labels as int32 class indices (ignored entries as 0) and, with <see cref="IgnoreClass"/>, the mask of the entries that
    /// count; a label that is not an integer or is out of range is an error naming it and the number of classes.
    /// </summary>
    private (Tensor Indices, Tensor? Valid) ClassIndices(Tensor labels, int classes)
    {
        var indices = new int[labels.Size];
        var valid = IgnoreClass is null ? null : new float[labels.Size];
        var isInt = labels.DType == DType.Int32;
        var ints = isInt ? labels.AsIntSpan() : default;
        var floats = isInt ? default : labels.AsSpan();
        for (var i = 0; i < indices.Length; i++)
        {
            double label = isInt ? ints[i] : floats[i];
            if (label == IgnoreClass) continue;
            if (valid is not null) valid[i] = 1f;
            if (label != Math.Floor(label))
                throw new ArgumentException($"{ClassName}: y_true must hold integer class indices; got {label} at position {i}. For one-hot or probability labels use CategoricalCrossentropy.");
            if (label < 0 || label >= classes)
                throw new ArgumentException($"{ClassName}: label {label} at position {i} of y_true is out of range for {classes} classes; labels must be in [0, {classes - 1}] (y_pred has {classes} outputs on its last axis).");
            indices[i] = (int)label;
        }
        var shape = labels.Shape.ToArray();
        return (Tensor.FromArray(indices, shape), valid is null ? null : Tensor.FromArray(valid, shape));
    }
}
