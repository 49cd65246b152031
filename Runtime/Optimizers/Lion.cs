using System.Numerics;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Optimizers;

/// <summary>
/// Lion, evolved sign momentum (Keras's <c>Lion(learning_rate=0.001, beta_1=0.9, beta_2=0.99)</c>):
/// <c>w -= lr * sign(beta_1 * m + (1 - beta_1) * g)</c>, then <c>m = beta_2 * m + (1 - beta_2) * g</c>. Every element moves by
/// exactly lr, so Lion's learning rate is usually 3-10 times smaller than Adam's. Slots: momentum per variable.
/// </summary>
public sealed class Lion : BaseOptimizer
{
    private Variable[] _momentums = [];

    public Lion(
        LearningRateArgument learningRate = default, float beta1 = 0.9f, float beta2 = 0.99f,
        float? weightDecay = null, float? clipnorm = null, float? clipvalue = null, float? globalClipnorm = null,
        bool useEma = false, float emaMomentum = 0.99f, int? emaOverwriteFrequency = null, string name = "lion")
        : base(name, 0.001f, learningRate, weightDecay, clipnorm, clipvalue, globalClipnorm, useEma, emaMomentum, emaOverwriteFrequency)
    {
        if (!(beta1 > 0 && beta1 <= 1))
            throw new ArgumentOutOfRangeException(nameof(beta1), beta1, $"Lion: beta1 must be in (0, 1] (at 0 Lion degenerates to SignSGD); got {beta1}.");
        Beta1 = beta1;
        Beta2 = Fraction(beta2, nameof(beta2));
    }

    /// <summary>Weight of the momentum in the step's direction.</summary>
    public float Beta1 { get; }

    /// <summary>Decay rate of the momentum.</summary>
    public float Beta2 { get; }

    public override string ClassName => "Lion";

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["beta_1"] = Beta1;
        config["beta_2"] = Beta2;
        return config;
    }

    internal static Lion FromConfig(JsonObject config)
    {
        var c = ReadCommon(config, "Lion", "lion");
        return new(c.LearningRate, config.GetFloat("beta_1", 0.9f, "Lion"), config.GetFloat("beta_2", 0.99f, "Lion"),
            c.WeightDecay, c.Clipnorm, c.Clipvalue, c.GlobalClipnorm, c.UseEma, c.EmaMomentum, c.EmaOverwriteFrequency, c.Name);
    }

    private protected override void CreateSlots(IReadOnlyList<Variable> variables) => _momentums = AddSlots(variables, "momentum");

    private protected override void UpdateStep(ReadOnlySpan<float> gradient, Variable variable, int index, float learningRate) =>
        UpdateRule.Run(new LionRule(learningRate, Beta1, Beta2), variable.Value.Floats, gradient, _momentums[index].Value.Floats);

    private readonly struct LionRule(float learningRate, float beta1, float beta2) : IUpdateRule
    {
        public void Update(ref Vector<float> w, Vector<float> g, ref Vector<float> m, ref Vector<float> unused1, ref Vector<float> unused2)
        {
            var direction = m * beta1 + g * (1 - beta1);
            var sign = Vector.ConditionalSelect(Vector.GreaterThan(direction, Vector<float>.Zero), Vector<float>.One,
                Vector.ConditionalSelect(Vector.LessThan(direction, Vector<float>.Zero), -Vector<float>.One, Vector<float>.Zero));
            w -= sign * learningRate;
            m = m * beta2 + g * (1 - beta2);
        }
    }
}
