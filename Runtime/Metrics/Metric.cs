using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// A stateful metric, as Keras's <c>keras.metrics.Metric</c>: <see cref="UpdateState"/> accumulates over batches,
/// <see cref="Result"/> reads the value, <see cref="ResetState"/> starts over (at each epoch). State lives in non-trainable
/// variables (<see cref="Variables"/>) and updates are never recorded on a tape.
/// </summary>
public abstract partial class Metric : IKerasSerializable
{
    internal static readonly KerasCatalog<Metric> Catalog = new KerasCatalog<Metric>("keras.metrics", "metric")
        .Add("Mean", Mean.FromConfig, "mean")
        .Add("Sum", Sum.FromConfig, "sum")
        // Keras 3 maps "accuracy" to the generic class; Compile resolves it against the loss first (ResolveForLoss).
        .Add("Accuracy", Accuracy.FromConfig, "accuracy", "acc")
        .Add("BinaryAccuracy", BinaryAccuracy.FromConfig, "binary_accuracy")
        .Add("CategoricalAccuracy", CategoricalAccuracy.FromConfig, "categorical_accuracy")
        .Add("SparseCategoricalAccuracy", SparseCategoricalAccuracy.FromConfig, "sparse_categorical_accuracy")
        .Add("TopKCategoricalAccuracy", TopKCategoricalAccuracy.FromConfig, "top_k_categorical_accuracy")
        .Add("SparseTopKCategoricalAccuracy", SparseTopKCategoricalAccuracy.FromConfig, "sparse_top_k_categorical_accuracy")
        .Add("MeanSquaredError", MeanSquaredError.FromConfig, "mean_squared_error", "mse", "MSE")
        .Add("MeanAbsoluteError", MeanAbsoluteError.FromConfig, "mean_absolute_error", "mae", "MAE")
        .Add("MeanAbsolutePercentageError", MeanAbsolutePercentageError.FromConfig, "mean_absolute_percentage_error", "mape", "MAPE")
        .Add("MeanSquaredLogarithmicError", MeanSquaredLogarithmicError.FromConfig, "mean_squared_logarithmic_error", "msle", "MSLE")
        .Add("RootMeanSquaredError", RootMeanSquaredError.FromConfig, "root_mean_squared_error")
        .Add("BinaryCrossentropy", BinaryCrossentropy.FromConfig, "binary_crossentropy", "bce", "BCE")
        .Add("CategoricalCrossentropy", CategoricalCrossentropy.FromConfig, "categorical_crossentropy")
        .Add("SparseCategoricalCrossentropy", SparseCategoricalCrossentropy.FromConfig, "sparse_categorical_crossentropy")
        .Add("TruePositives", TruePositives.FromConfig, "true_positives")
        .Add("FalsePositives", FalsePositives.FromConfig, "false_positives")
        .Add("TrueNegatives", TrueNegatives.FromConfig, "true_negatives")
        .Add("FalseNegatives", FalseNegatives.FromConfig, "false_negatives")
        .Add("Precision", Precision.FromConfig, "precision")
        .Add("Recall", Recall.FromConfig, "recall")
        .Add("AUC", AUC.FromConfig, "auc")
        .Add("FBetaScore", FBetaScore.FromConfig, "f_beta_score")
        .Add("F1Score", F1Score.FromConfig, "f1_score")
        .Add("R2Score", R2Score.FromConfig, "r2_score");

    private readonly List<Variable> _variables = [];

    protected Metric(string name, DType dtype = DType.Float32)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (dtype != DType.Float32)
            throw new ArgumentException($"Metric '{name}': dtype must be float32 (metric state and results are float32); got {dtype.KerasName()}.", nameof(dtype));
        Name = name;
        DType = dtype;
    }

    /// <summary>The name under which the metric is logged ("accuracy", "val_accuracy", ...).</summary>
    public string Name { get; }

    public DType DType { get; }

    public virtual string Module => "keras.metrics";

    public abstract string ClassName { get; }

    /// <summary>The metric's state variables (Keras's <c>metric.variables</c>).</summary>
    public IReadOnlyList<Variable> Variables => _variables;

    /// <summary>
    /// Keras's <c>metric._direction</c>: "up" when a larger value is better (accuracy, AUC), "down" when smaller is better
    /// (errors, crossentropies), null when the metric does not say (Mean, Sum). Callbacks in "auto" mode read it.
    /// </summary>
    internal string? Direction { get; private protected init; }

    /// <summary>The string this metric was created from by <see cref="Get(string)"/> ("acc", "mae"), so Compile can resolve and name it as Keras does.</summary>
    internal string? Identifier { get; private set; }

    /// <summary>Accumulates a batch.</summary>
    public abstract void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null);

    /// <summary>The current value (a scalar for most metrics; a vector for per-class ones such as F1Score(average: null)).</summary>
    public abstract Tensor Result();

    /// <summary>Sets every state variable back to zero.</summary>
    public virtual void ResetState()
    {
        foreach (var v in _variables) v.Assign(Tensor.Empty(v.Shape));
    }

    /// <summary>name and dtype; metrics add their arguments.</summary>
    public virtual JsonObject GetConfig() => NameAndDTypeConfig();

    /// <summary>Creates a state variable (Keras's <c>add_variable</c>), initialized to zeros.</summary>
    protected Variable AddVariable(string name, Shape shape)
    {
        var v = new Variable(Tensor.Empty(shape), name, trainable: false) { Path = $"{Name}/{name}" };
        _variables.Add(v);
        return v;
    }

    /// <summary>
    /// The metric called <paramref name="name"/> ("mae", "auc", "precision", ...), with Keras's defaults. "accuracy" gives the
    /// generic <see cref="Accuracy"/>, as keras.metrics.get does; Compile resolves "accuracy" and "crossentropy" against the
    /// labels, predictions and loss instead (<see cref="Resolve"/>, <see cref="ResolveForLoss"/>).
    /// </summary>
    public static Metric Get(string name)
    {
        var metric = Catalog.Get(name);
        metric.Identifier = name;
        return metric;
    }

    /// <summary>Lets every argument typed Metric take a Keras name.</summary>
    public static implicit operator Metric(string name) => Get(name);

    /// <summary>Keras's <c>keras.metrics.get</c>: a name, a <see cref="Metric"/>, or a serialized config.</summary>
    public static Metric? Get(object? identifier) => identifier is string name ? Get(name) : Catalog.Get(identifier);

    /// <summary>Every name <see cref="Get(string)"/> accepts.</summary>
    public static IReadOnlyList<string> Names => Catalog.Names;

    public override string ToString() => $"<{ClassName} name={Name}>";

    internal static void RegisterBuiltIns()
    {
        Catalog.RegisterAll();
        // Deserializable, but not a string name: it needs a function (Keras's get("MeanMetricWrapper") fails too).
        KerasRegistry.Register("keras.metrics", "MeanMetricWrapper", MeanMetricWrapper.WrapperFromConfig);
    }

    /// <summary>Keras's <c>auto_name</c> for metrics whose name defaults to None: "precision", then "precision_1", ...</summary>
    private protected static string AutoName(string? name, string className) => name ?? LayerNames.Unique(LayerNames.ToSnakeCase(className));

    /// <summary>The start of every error message of this metric: "Precision 'precision'".</summary>
    private protected string Owner => $"{ClassName} '{Name}'";

    /// <summary>An <see cref="ArgumentException"/> whose message starts with <see cref="Owner"/>.</summary>
    private protected ArgumentException Error(string message, string? argument = null) => new($"{Owner}: {message}", argument);

    /// <summary>
    /// Runs one update without recording on any tape, after null checks; shape errors raised by the ops inside are re-thrown
    /// naming this metric and the shapes it received.
    /// </summary>
    private protected void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight, Action update)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        Guarded(update, () => $"y_true of shape {yTrue.Shape}, y_pred of shape {yPred.Shape}{WeightText(sampleWeight)}");
    }

    /// <summary>The same for metrics that take values (Mean, Sum).</summary>
    private protected void UpdateValues(Tensor values, Tensor? sampleWeight, Action update)
    {
        ArgumentNullException.ThrowIfNull(values);
        Guarded(update, () => $"values of shape {values.Shape}{WeightText(sampleWeight)}");
    }

    private void Guarded(Action update, Func<string> inputs)
    {
        try
        {
            GradientTape.NoRecord(() =>
            {
                update();
                return 0;
            });
        }
        catch (ArgumentException e) when (e is not ArgumentNullException && !e.Message.StartsWith(Owner, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{Owner}: cannot update with {inputs()}: {e.Message}", e);
        }
    }

    private static string WeightText(Tensor? sampleWeight) => sampleWeight is null ? "" : $" and sample_weight of shape {sampleWeight.Shape}";

    /// <summary>{"name", "dtype"}: the start of every metric's config.</summary>
    private protected JsonObject NameAndDTypeConfig() => new() { ["name"] = Name, ["dtype"] = DType.KerasName() };

    /// <summary>Reads the name (or <paramref name="fallback"/>) and the dtype of a metric config.</summary>
    private protected static (string? Name, DType DType) NameAndDType(JsonObject config, string? fallback, string owner) =>
        (config.GetString("name", fallback!, owner), LayerConfig.DType(config));
}
