using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Optimizers.Schedules;

/// <summary>
/// initial_learning_rate * decay_rate ^ (step / decay_steps), the exponent floored when <see cref="Staircase"/> (Keras's
/// <c>ExponentialDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False)</c>).
/// </summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    public ExponentialDecay(float initialLearningRate, int decaySteps, float decayRate, bool staircase = false, string name = "ExponentialDecay")
    {
        InitialLearningRate = Finite(initialLearningRate, nameof(initialLearningRate), "ExponentialDecay");
        DecaySteps = PositiveSteps(decaySteps, nameof(decaySteps), "ExponentialDecay");
        DecayRate = Finite(decayRate, nameof(decayRate), "ExponentialDecay");
        Staircase = staircase;
        Name = name ?? "ExponentialDecay";
    }

    public float InitialLearningRate { get; }

    public int DecaySteps { get; }

    public float DecayRate { get; }

    /// <summary>Whether the rate decays at whole multiples of <see cref="DecaySteps"/> only.</summary>
    public bool Staircase { get; }

    public override string Name { get; }

    public override string ClassName => "ExponentialDecay";

    public override float Call(long step)
    {
        var p = (double)step / DecaySteps;
        if (Staircase) p = Math.Floor(p);
        return (float)(InitialLearningRate * Math.Pow(DecayRate, p));
    }

    public override JsonObject GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["decay_rate"] = DecayRate,
        ["staircase"] = Staircase,
        ["name"] = Name,
    };

    internal static ExponentialDecay FromConfig(JsonObject config)
    {
        Require(config, "ExponentialDecay", "initial_learning_rate", "decay_steps", "decay_rate");
        return new(
            config.GetFloat("initial_learning_rate", 0f, "ExponentialDecay"),
            config.GetInt("decay_steps", 0, "ExponentialDecay"),
            config.GetFloat("decay_rate", 0f, "ExponentialDecay"),
            LayerConfig.Bool(config, "staircase", false),
            config.GetString("name", "ExponentialDecay", "ExponentialDecay"));
    }
}
