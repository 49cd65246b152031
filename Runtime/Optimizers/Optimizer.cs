using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Optimizers;

/// <summary>
/// An optimizer, as Keras 3's <c>keras.optimizers.Optimizer</c>: <see cref="Apply"/> takes gradients for variables, applies
/// the common options (clipnorm, clipvalue, global_clipnorm, weight_decay), the algorithm's update, then each variable's
/// constraint, and counts <see cref="Iterations"/>. Its state (iterations and slot variables) is inspectable in
/// <see cref="Variables"/>, in Keras's order, because saving needs it.
/// </summary>
public abstract class Optimizer : IKerasSerializable
{
    internal static readonly KerasCatalog<Optimizer> Catalog = new("keras.optimizers", "optimizer");

    /// <summary>The optimizer's name ("adam", ...).</summary>
    public abstract string Name { get; }

    public virtual string Module => "keras.optimizers";

    public abstract string ClassName { get; }

    /// <summary>Number of update steps applied so far.</summary>
    public abstract long Iterations { get; }

    /// <summary>The learning rate used by the next step (a schedule's current value); setting it replaces a schedule by a constant.</summary>
    public abstract float LearningRate { get; set; }

    /// <summary>The state: iterations first, then the slot variables created on the first Apply, in Keras's order.</summary>
    public abstract IReadOnlyList<Variable> Variables { get; }

    /// <summary>One update step of <paramref name="variables"/> with <paramref name="gradients"/> (same order, same shapes).</summary>
    public abstract void Apply(IReadOnlyList<Tensor> gradients, IReadOnlyList<Variable> variables);

    /// <summary>The constructor arguments under Keras's names.</summary>
    public abstract JsonObject GetConfig();

    /// <summary>The optimizer called <paramref name="name"/> ("adam", "sgd", "rmsprop", ...) with Keras's defaults.</summary>
    public static Optimizer Get(string name) => Catalog.Get(name);

    /// <summary>Lets every argument typed Optimizer take a Keras name: <c>Compile(optimizer: "adam")</c>.</summary>
    public static implicit operator Optimizer(string name) => Get(name);

    /// <summary>Keras's <c>keras.optimizers.get</c>: a name, an <see cref="Optimizer"/>, or a serialized config.</summary>
    public static Optimizer? Get(object? identifier) => Catalog.Get(identifier);

    /// <summary>Every name <see cref="Get(string)"/> accepts.</summary>
    public static IReadOnlyList<string> Names => Catalog.Names;

    public override string ToString() => $"<{ClassName} learning_rate={LearningRate}>";

    internal static void RegisterBuiltIns() => Catalog.RegisterAll();
}
