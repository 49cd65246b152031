using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Optimizers.Schedules;

/// <summary>
/// Cosine decay with warm restarts, SGDR (Keras's <c>CosineDecayRestarts(initial_learning_rate, first_decay_steps, t_mul=2.0,
/// m_mul=1.0, alpha=0.0)</c>): the rate decays from its period's height to alpha times the initial rate along half a cosine,
/// then restarts; period i lasts first_decay_steps * t_mul^i steps and starts at initial_learning_rate * m_mul^i.
/// </summary>
public sealed class CosineDecayRestarts : LearningRateSchedule
{
    public CosineDecayRestarts(float initialLearningRate, int firstDecaySteps, float tMul = 2f, float mMul = 1f, float alpha = 0f, string name = "SGDRDecay")
    {
        InitialLearningRate = Finite(initialLearningRate, nameof(initialLearningRate), "CosineDecayRestarts");
        FirstDecaySteps = PositiveSteps(firstDecaySteps, nameof(firstDecaySteps), "CosineDecayRestarts");
        if (!(tMul > 0) || !float.IsFinite(tMul))
            throw new ArgumentOutOfRangeException(nameof(tMul), tMul, $"CosineDecayRestarts: tMul must be a finite number > 0; got {tMul}.");
        TMul = tMul;
        MMul = Finite(mMul, nameof(mMul), "CosineDecayRestarts");
        Alpha = Finite(alpha, nameof(alpha), "CosineDecayRestarts");
        Name = name ?? "SGDRDecay";
    }

    public float InitialLearningRate { get; }

    public int FirstDecaySteps { get; }

    /// <summary>Each period lasts this many times the previous one.</summary>
    public float TMul { get; }

    /// <summary>Each period starts at this many times the previous one's initial rate.</summary>
    public float MMul { get; }

    /// <summary>The lowest rate as a fraction of the initial rate.</summary>
    public float Alpha { get; }

    public override string Name { get; }

    public override string ClassName => "CosineDecayRestarts";

    public override float Call(long step)
    {
        double fraction = (double)step / FirstDecaySteps, tMul = TMul, restart;
        if (tMul == 1)
        {
            restart = Math.Floor(fraction);
            fraction -= restart;
        }
        else
        {
            // The period index solves the geometric sum of the period lengths (Keras's formula).
            restart = Math.Floor(Math.Log(1 - fraction * (1 - tMul)) / Math.Log(tMul));
            var elapsed = (1 - Math.Pow(tMul, restart)) / (1 - tMul);
            fraction = (fraction - elapsed) / Math.Pow(tMul, restart);
        }
        var cosine = 0.5 * Math.Pow(MMul, restart) * (1 + Math.Cos(Math.PI * fraction));
        return (float)(InitialLearningRate * ((1 - (double)Alpha) * cosine + Alpha));
    }

    public override JsonObject GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["first_decay_steps"] = FirstDecaySteps,
        ["t_mul"] = TMul,
        ["m_mul"] = MMul,
        ["alpha"] = Alpha,
        ["name"] = Name,
    };

    internal static CosineDecayRestarts FromConfig(JsonObject config)
    {
        Require(config, "CosineDecayRestarts", "initial_learning_rate", "first_decay_steps");
        return new(
            config.GetFloat("initial_learning_rate", 0f, "CosineDecayRestarts"),
            config.GetInt("first_decay_steps", 0, "CosineDecayRestarts"),
            config.GetFloat("t_mul", 2f, "CosineDecayRestarts"),
            config.GetFloat("m_mul", 1f, "CosineDecayRestarts"),
            config.GetFloat("alpha", 0f, "CosineDecayRestarts"),
            config.GetString("name", "SGDRDecay", "CosineDecayRestarts"));
    }
}
