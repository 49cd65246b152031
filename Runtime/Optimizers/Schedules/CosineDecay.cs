using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Optimizers.Schedules;

/// <summary>
/// Cosine decay with an optional linear warmup (Keras's <c>CosineDecay(initial_learning_rate, decay_steps, alpha=0.0,
/// warmup_target=None, warmup_steps=0)</c>): without a warmup target the rate goes from initial_learning_rate to
/// initial_learning_rate * alpha over decay_steps along half a cosine; with one it first rises linearly from
/// initial_learning_rate to warmup_target over warmup_steps, then decays from warmup_target to warmup_target * alpha.
/// </summary>
public sealed class CosineDecay : LearningRateSchedule
{
    public CosineDecay(float initialLearningRate, int decaySteps, float alpha = 0f, string name = "CosineDecay", float? warmupTarget = null, int warmupSteps = 0)
    {
        InitialLearningRate = Finite(initialLearningRate, nameof(initialLearningRate), "CosineDecay");
        DecaySteps = PositiveSteps(decaySteps, nameof(decaySteps), "CosineDecay");
        Alpha = Finite(alpha, nameof(alpha), "CosineDecay");
        Name = name ?? "CosineDecay";
        WarmupTarget = warmupTarget is { } target ? Finite(target, nameof(warmupTarget), "CosineDecay") : null;
        if (warmupSteps < 0)
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, $"CosineDecay: warmupSteps must be >= 0; got {warmupSteps}.");
        WarmupSteps = warmupSteps;
    }

    public float InitialLearningRate { get; }

    public int DecaySteps { get; }

    /// <summary>The final rate as a fraction of the rate the decay starts from.</summary>
    public float Alpha { get; }

    /// <summary>The rate the warmup reaches; null for no warmup.</summary>
    public float? WarmupTarget { get; }

    public int WarmupSteps { get; }

    public override string Name { get; }

    public override string ClassName => "CosineDecay";

    public override float Call(long step)
    {
        double s = step;
        if (WarmupTarget is not { } target) return Decay(Math.Min(s, DecaySteps), InitialLearningRate);
        s = Math.Min(s, (double)DecaySteps + WarmupSteps);
        if (s < WarmupSteps) return (float)((target - (double)InitialLearningRate) * (s / WarmupSteps) + InitialLearningRate);
        return Decay(s - WarmupSteps, target);
    }

    public override JsonObject GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["alpha"] = Alpha,
        ["name"] = Name,
        ["warmup_target"] = WarmupTarget,
        ["warmup_steps"] = WarmupSteps,
    };

    internal static CosineDecay FromConfig(JsonObject config)
    {
        Require(config, "CosineDecay", "initial_learning_rate", "decay_steps");
        return new(
            config.GetFloat("initial_learning_rate", 0f, "CosineDecay"),
            config.GetInt("decay_steps", 0, "CosineDecay"),
            config.GetFloat("alpha", 0f, "CosineDecay"),
            config.GetString("name", "CosineDecay", "CosineDecay"),
            config["warmup_target"] is null ? null : config.GetFloat("warmup_target", 0f, "CosineDecay"),
            config.GetInt("warmup_steps", 0, "CosineDecay"));
    }

    private float Decay(double step, double from)
    {
        var cosine = 0.5 * (1 + Math.Cos(Math.PI * step / DecaySteps));
        return (float)(from * ((1 - (double)Alpha) * cosine + Alpha));
    }
}
