using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

// How Compile turns the metrics a user names into metric objects, as Keras's compile_utils.get_metric does.
public abstract partial class Metric
{
    /// <summary>
    /// A compiled metric from its identifier, as Keras's <c>get_metric</c>: "accuracy"/"acc" (any case) become the binary,
    /// sparse categorical or categorical accuracy and "crossentropy"/"ce" the matching crossentropy, by the label and
    /// prediction shapes: predictions with a last axis of 1 are binary; labels of lower rank than the predictions, or with a
    /// last axis of 1 against several classes, are sparse. Other names resolve with <see cref="Get(string)"/>. A metric named
    /// by a string takes that string as its name ("acc", "mae"); a <see cref="Metric"/> object is returned as is, unless it
    /// was itself made from a string (the implicit conversion), in which case it is resolved from that string.
    /// </summary>
    internal static Metric Resolve(object identifier, Shape yTrueShape, Shape yPredShape)
    {
        ArgumentNullException.ThrowIfNull(yTrueShape);
        ArgumentNullException.ThrowIfNull(yPredShape);
        var predLast = LastDim(yPredShape);
        var binary = predLast == 1;
        var sparse = yTrueShape.Rank < yPredShape.Rank || (LastDim(yTrueShape) == 1 && predLast > 1);
        return ResolveFor(identifier, binary, sparse);
    }

    /// <summary>
    /// A compiled metric from its identifier and the loss, as tf.keras's <c>get_metric_function</c> does when only the model
    /// output's shape is known: "accuracy"/"acc" and "crossentropy"/"ce" become binary when the output has a last axis of 1 or
    /// the loss is a binary crossentropy, sparse categorical when the loss is the sparse categorical crossentropy, categorical
    /// otherwise. The loss is a class or string name ("sparse_categorical_crossentropy", "SparseCategoricalCrossentropy",
    /// "bce", ...). Naming follows <see cref="Resolve"/>.
    /// </summary>
    internal static Metric ResolveForLoss(object identifier, string lossClassOrName, Shape outputShape)
    {
        ArgumentNullException.ThrowIfNull(lossClassOrName);
        ArgumentNullException.ThrowIfNull(outputShape);
        var loss = new string(lossClassOrName.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        var binary = LastDim(outputShape) == 1 || loss is "binarycrossentropy" or "bce" or "binaryfocalcrossentropy";
        var sparse = loss is "sparsecategoricalcrossentropy";
        return ResolveFor(identifier, binary, sparse);
    }

    private static Metric ResolveFor(object identifier, bool binary, bool sparse)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var name = identifier switch
        {
            string s => s,
            Metric { Identifier: { } s } => s,
            Metric metric => null,
            _ => throw new ArgumentException(
                $"Could not interpret metric identifier {identifier} (a {identifier.GetType().Name}): expected a name such as 'accuracy' or a Metric.", nameof(identifier)),
        };
        if (name is null) return (Metric)identifier;
        switch (name.ToLowerInvariant())
        {
            case "accuracy" or "acc":
                return binary ? new BinaryAccuracy(name) : sparse ? new SparseCategoricalAccuracy(name) : new CategoricalAccuracy(name);
            case "crossentropy" or "ce":
                return binary ? new BinaryCrossentropy(name) : sparse ? new SparseCategoricalCrossentropy(name) : new CategoricalCrossentropy(name);
            default:
                return Renamed(Catalog.Get(name), name);
        }
    }

    // The same metric under another name, re-created from its config (every built-in metric round-trips through it).
    private static Metric Renamed(Metric metric, string name)
    {
        if (metric.Name == name) return metric;
        var config = metric.GetConfig();
        config["name"] = name;
        return (Metric)KerasRegistry.Create(metric.Module, metric.ClassName, config);
    }

    private static int LastDim(Shape shape) => shape.Rank == 0 ? 1 : shape[-1];
}
