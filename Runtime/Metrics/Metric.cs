using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// A stateful metric, as Keras's <c>keras.metrics.Metric</c>: <see cref="UpdateState"/> accumulates over batches,
/// <see cref="Result"/> reads the value, <see cref="ResetState"/> starts over (at each epoch). State lives in non-trainable
/// variables (<see cref="Variables"/>) and updates are never recorded on a tape.
/// </summary>
public abstract class Metric : IKerasSerializable
{
    internal static readonly KerasCatalog<Metric> Catalog = new("keras.metrics", "metric");

    private readonly List<Variable> _variables = [];

    protected Metric(string name, DType dtype = DType.Float32)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
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
    public virtual JsonObject GetConfig() => new() { ["name"] = Name, ["dtype"] = DType.KerasName() };

    /// <summary>Creates a state variable (Keras's <c>add_variable</c>), initialized to zeros.</summary>
    protected Variable AddVariable(string name, Shape shape)
    {
        var v = new Variable(Tensor.Empty(shape), name, trainable: false) { Path = $"{Name}/{name}" };
        _variables.Add(v);
        return v;
    }

    /// <summary>The metric called <paramref name="name"/> ("mae", "auc", "precision", ...). "accuracy" and "crossentropy" are resolved by Compile against the loss.</summary>
    public static Metric Get(string name) => Catalog.Get(name);

    /// <summary>Lets every argument typed Metric take a Keras name.</summary>
    public static implicit operator Metric(string name) => Get(name);

    /// <summary>Keras's <c>keras.metrics.get</c>: a name, a <see cref="Metric"/>, or a serialized config.</summary>
    public static Metric? Get(object? identifier) => Catalog.Get(identifier);

    /// <summary>Every name <see cref="Get(string)"/> accepts.</summary>
    public static IReadOnlyList<string> Names => Catalog.Names;

    public override string ToString() => $"<{ClassName} name={Name}>";

    internal static void RegisterBuiltIns() => Catalog.RegisterAll();
}
