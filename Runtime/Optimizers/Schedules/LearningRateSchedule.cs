using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Optimizers.Schedules;

/// <summary>
/// A learning rate that changes with the optimizer's step, as Keras's <c>keras.optimizers.schedules.LearningRateSchedule</c>:
/// pass one as an optimizer's <c>learningRate</c> and the optimizer asks it for the rate at each step. Built-in schedules
/// compute Keras's formulas in double precision; a custom schedule derives from this class and registers a factory with
/// <see cref="KerasRegistry.RegisterCustom"/> to round-trip through configs.
/// </summary>
public abstract class LearningRateSchedule : IKerasSerializable
{
    private const string SchedulesModule = "keras.optimizers.schedules";

    /// <inheritdoc />
    public virtual string Module => SchedulesModule;

    /// <inheritdoc />
    public abstract string ClassName { get; }

    /// <summary>The schedule's name (Keras's <c>name</c> argument).</summary>
    public abstract string Name { get; }

    /// <summary>The learning rate at optimizer step <paramref name="step"/> (0 for the first update).</summary>
    public abstract float Call(long step);

    /// <summary>The constructor arguments under Keras's names.</summary>
    public abstract JsonObject GetConfig();

    /// <summary>Keras's <c>keras.optimizers.schedules.deserialize</c>: a schedule from its serialized config.</summary>
    public static LearningRateSchedule Deserialize(JsonObject envelope) => KerasRegistry.Deserialize<LearningRateSchedule>(envelope);

    public override string ToString() => KerasCatalog<LearningRateSchedule>.Describe(this);

    internal static void RegisterBuiltIns()
    {
        KerasRegistry.Register(SchedulesModule, "ExponentialDecay", ExponentialDecay.FromConfig);
        KerasRegistry.Register(SchedulesModule, "PiecewiseConstantDecay", PiecewiseConstantDecay.FromConfig);
        KerasRegistry.Register(SchedulesModule, "InverseTimeDecay", InverseTimeDecay.FromConfig);
        KerasRegistry.Register(SchedulesModule, "PolynomialDecay", PolynomialDecay.FromConfig);
        KerasRegistry.Register(SchedulesModule, "CosineDecay", CosineDecay.FromConfig);
        KerasRegistry.Register(SchedulesModule, "CosineDecayRestarts", CosineDecayRestarts.FromConfig);
    }

    /// <summary>Throws unless <paramref name="steps"/> is positive, as Keras's schedules do.</summary>
    private protected static int PositiveSteps(int steps, string argument, string owner) => steps > 0
        ? steps
        : throw new ArgumentOutOfRangeException(argument, steps, $"{owner}: {argument} must be > 0; got {steps}.");

    /// <summary>Throws unless <paramref name="value"/> is a finite number.</summary>
    private protected static float Finite(float value, string argument, string owner) => float.IsFinite(value)
        ? value
        : throw new ArgumentOutOfRangeException(argument, value, $"{owner}: {argument} must be a finite number; got {value}.");

    /// <summary>Throws unless the config has each of <paramref name="keys"/> (the arguments Keras's constructor requires).</summary>
    private protected static void Require(JsonObject config, string owner, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (config[key] is null) throw new FormatException($"{owner} config: '{key}' is required; got {config.ToJsonString()}.");
        }
    }
}
