using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Optimizers.Schedules;

/// <summary>
/// (initial_learning_rate - end_learning_rate) * (1 - step / decay_steps) ^ power + end_learning_rate, with the step capped at
/// decay_steps, or with <see cref="Cycle"/> decay_steps stretched to the first multiple above the step (Keras's
/// <c>PolynomialDecay(initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0, cycle=False)</c>).
/// </summary>
public sealed class PolynomialDecay : LearningRateSchedule
{
    public PolynomialDecay(float initialLearningRate, int decaySteps, float endLearningRate = 0.0001f, float power = 1f, bool cycle = false, string name = "PolynomialDecay")
    {
        InitialLearningRate = Finite(initialLearningRate, nameof(initialLearningRate), "PolynomialDecay");
        DecaySteps = PositiveSteps(decaySteps, nameof(decaySteps), "PolynomialDecay");
        EndLearningRate = Finite(endLearningRate, nameof(endLearningRate), "PolynomialDecay");
        Power = Finite(power, nameof(power), "PolynomialDecay");
        Cycle = cycle;
        Name = name ?? "PolynomialDecay";
    }

    public float InitialLearningRate { get; }

    public int DecaySteps { get; }

    public float EndLearningRate { get; }

    public float Power { get; }

    /// <summary>Whether the decay restarts (from a lower height) after each decay_steps instead of staying at the end rate.</summary>
    public bool Cycle { get; }

    public override string Name { get; }

    public override string ClassName => "PolynomialDecay";

    public override float Call(long step)
    {
        double s = step, decaySteps = DecaySteps;
        if (Cycle)
            decaySteps *= step == 0 ? 1 : Math.Ceiling(s / decaySteps);
        else
            s = Math.Min(s, decaySteps);
        var p = s / decaySteps;
        return (float)(((double)InitialLearningRate - EndLearningRate) * Math.Pow(1 - p, Power) + EndLearningRate);
    }

    public override JsonObject GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["end_learning_rate"] = EndLearningRate,
        ["power"] = Power,
        ["cycle"] = Cycle,
        ["name"] = Name,
    };

    internal static PolynomialDecay FromConfig(JsonObject config)
    {
        Require(config, "PolynomialDecay", "initial_learning_rate", "decay_steps");
        return new(
            config.GetFloat("initial_learning_rate", 0f, "PolynomialDecay"),
            config.GetInt("decay_steps", 0, "PolynomialDecay"),
            config.GetFloat("end_learning_rate", 0.0001f, "PolynomialDecay"),
            config.GetFloat("power", 1f, "PolynomialDecay"),
            LayerConfig.Bool(config, "cycle", false),
            config.GetString("name", "PolynomialDecay", "PolynomialDecay"));
    }
}
