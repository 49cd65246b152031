using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Optimizers.Schedules;

/// <summary>
/// initial_learning_rate / (1 + decay_rate * step / decay_steps), the quotient floored when <see cref="Staircase"/> (Keras's
/// <c>InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False)</c>).
/// </summary>
public sealed class InverseTimeDecay : LearningRateSchedule
{
    public InverseTimeDecay(float initialLearningRate, int decaySteps, float decayRate, bool staircase = false, string name = "InverseTimeDecay")
    {
        InitialLearningRate = Finite(initialLearningRate, nameof(initialLearningRate), "InverseTimeDecay");
        DecaySteps = PositiveSteps(decaySteps, nameof(decaySteps), "InverseTimeDecay");
        DecayRate = Finite(decayRate, nameof(decayRate), "InverseTimeDecay");
        Staircase = staircase;
        Name = name ?? "InverseTimeDecay";
    }

    public float InitialLearningRate { get; }

    public int DecaySteps { get; }

    public float DecayRate { get; }

    /// <summary>Whether the rate decays at whole multiples of <see cref="DecaySteps"/> only.</summary>
    public bool Staircase { get; }

    public override string Name { get; }

    public override string ClassName => "InverseTimeDecay";

    public override float Call(long step)
    {
        var p = (double)step / DecaySteps;
        if (Staircase) p = Math.Floor(p);
        return (float)(InitialLearningRate / (1 + DecayRate * p));
    }

    public override JsonObject GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["decay_rate"] = DecayRate,
        ["staircase"] = Staircase,
        ["name"] = Name,
    };

    internal static InverseTimeDecay FromConfig(JsonObject config)
    {
        Require(config, "InverseTimeDecay", "initial_learning_rate", "decay_steps", "decay_rate");
        return new(
            config.GetFloat("initial_learning_rate", 0f, "InverseTimeDecay"),
            config.GetInt("decay_steps", 0, "InverseTimeDecay"),
            config.GetFloat("decay_rate", 0f, "InverseTimeDecay"),
            LayerConfig.Bool(config, "staircase", false),
            config.GetString("name", "InverseTimeDecay", "InverseTimeDecay"));
    }
}
