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
    internal static readonly KerasCatalog<Optimizer> Catalog = new KerasCatalog<Optimizer>("keras.optimizers", "optimizer")
        .Add("SGD", SGD.FromConfig, "sgd")
        .Add("Adam", Adam.FromConfig, "adam")
        .Add("AdamW", AdamW.FromConfig, "adamw")
        .Add("RMSprop", RMSprop.FromConfig, "rmsprop")
        .Add("Adagrad", Adagrad.FromConfig, "adagrad")
        .Add("Adadelta", Adadelta.FromConfig, "adadelta")
        .Add("Adamax", Adamax.FromConfig, "adamax")
        .Add("Nadam", Nadam.FromConfig, "nadam")
        .Add("Lion", Lion.FromConfig, "lion");

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

    /// <summary>
    /// Creates the state for <paramref name="variables"/> now rather than at the first <see cref="Apply"/> (Keras's <c>build</c>), so
    /// that saved state can be loaded into <see cref="Variables"/>; optimizers without state have nothing to create.
    /// </summary>
    public virtual void Build(IReadOnlyList<Variable> variables)
    {
    }

    /// <summary>
    /// Called by Fit after the last epoch (Keras's <c>finalize_variable_values</c>): optimizers that keep a moving average of the
    /// variables (use_ema) copy it into them; the others leave the variables as they are.
    /// </summary>
    public virtual void FinalizeVariableValues(IReadOnlyList<Variable> variables)
    {
    }

    /// <summary>The optimizer called <paramref name="name"/> ("adam", "sgd", "rmsprop", ...) with Keras's defaults.</summary>
    public static Optimizer Get(string name) => Catalog.Get(name);

    /// <summary>Lets every argument typed Optimizer take a Keras name: <c>Compile(optimizer: "adam")</c>.</summary>
    public static implicit operator Optimizer(string name) => Get(name);

    /// <summary>Keras's <c>keras.optimizers.get</c>: a name, an <see cref="Optimizer"/>, or a serialized config.</summary>
    public static Optimizer? Get(object? identifier) => Catalog.Get(identifier);

    /// <summary>Every name <see cref="Get(string)"/> accepts.</summary>
    public static IReadOnlyList<string> Names => Catalog.Names;

    public override string ToString() => $"<{ClassName} learning_rate={LearningRate}>";

    internal static void RegisterBuiltIns()
    {
        Catalog.RegisterAll();
        Schedules.LearningRateSchedule.RegisterBuiltIns();
    }
}
