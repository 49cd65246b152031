using System.Numerics;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Optimizers;

/// <summary>
/// Adamax, Adam with the infinity norm (Keras's <c>Adamax(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)</c>):
/// <c>m += (g - m) * (1 - beta_1)</c>, <c>u = max(beta_2 * u, |g|)</c>, <c>w -= lr * m / ((1 - beta_1^t) * (u + epsilon))</c>.
/// Slots: momentum and norm per variable, interleaved.
/// </summary>
public sealed class Adamax : BaseOptimizer
{
    private Variable[] _momentums = [];
    private Variable[] _norms = [];

    public Adamax(
        LearningRateArgument learningRate = default, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f,
        float? weightDecay = null, float? clipnorm = null, float? clipvalue = null, float? globalClipnorm = null,
        bool useEma = false, float emaMomentum = 0.99f, int? emaOverwriteFrequency = null, string name = "adamax")
        : base(name, 0.001f, learningRate, weightDecay, clipnorm, clipvalue, globalClipnorm, useEma, emaMomentum, emaOverwriteFrequency)
    {
        Beta1 = Fraction(beta1, nameof(beta1));
        Beta2 = Fraction(beta2, nameof(beta2));
        Epsilon = NonNegative(epsilon, nameof(epsilon));
    }

    /// <summary>Decay rate of the first-moment estimate.</summary>
    public float Beta1 { get; }

    /// <summary>Decay rate of the infinity norm.</summary>
    public float Beta2 { get; }

    /// <summary>Added to the norm for numerical stability.</summary>
    public float Epsilon { get; }

    public override string ClassName => "Adamax";

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["beta_1"] = Beta1;
        config["beta_2"] = Beta2;
        config["epsilon"] = Epsilon;
        return config;
    }

    internal static Adamax FromConfig(JsonObject config)
    {
        var c = ReadCommon(config, "Adamax", "adamax");
        return new(c.LearningRate, config.GetFloat("beta_1", 0.9f, "Adamax"), config.GetFloat("beta_2", 0.999f, "Adamax"),
            config.GetFloat("epsilon", 1e-7f, "Adamax"),
            c.WeightDecay, c.Clipnorm, c.Clipvalue, c.GlobalClipnorm, c.UseEma, c.EmaMomentum, c.EmaOverwriteFrequency, c.Name);
    }

    private protected override void CreateSlots(IReadOnlyList<Variable> variables) =>
        (_momentums, _norms) = AddSlotPairs(variables, "momentum", "norm");

    private protected override void UpdateStep(ReadOnlySpan<float> gradient, Variable variable, int index, float learningRate)
    {
        var correction = (float)(1 - Math.Pow(Beta1, Iterations + 1));
        UpdateRule.Run(new AdamaxRule(learningRate, Beta1, Beta2, Epsilon, correction), variable.Value.Floats, gradient,
            _momentums[index].Value.Floats, _norms[index].Value.Floats);
    }

    private readonly struct AdamaxRule(float learningRate, float beta1, float beta2, float epsilon, float correction) : IUpdateRule
    {
        public void Update(ref Vector<float> w, Vector<float> g, ref Vector<float> m, ref Vector<float> u, ref Vector<float> unused2)
        {
            m += (g - m) * (1 - beta1);
            u = Vector.Max(u * beta2, Vector.Abs(g));
            w -= m * learningRate / ((u + new Vector<float>(epsilon)) * correction);
        }
    }
}
