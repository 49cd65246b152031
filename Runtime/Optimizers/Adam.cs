using System.Numerics;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Optimizers;

/// <summary>
/// Adam (Keras's <c>Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False)</c>), with Keras's placement
/// of epsilon ("epsilon hat"): <c>m += (g - m) * (1 - beta_1)</c>, <c>v += (g² - v) * (1 - beta_2)</c>,
/// <c>alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)</c>, <c>w -= alpha * m / (sqrt(v) + epsilon)</c>; AMSGrad divides by the
/// running maximum of v instead. Slots: momentum and velocity per variable (interleaved), then velocity_hat with amsgrad.
/// </summary>
public class Adam : BaseOptimizer
{
    private Variable[] _momentums = [];
    private Variable[] _velocities = [];
    private Variable[] _velocityHats = [];

    public Adam(
        LearningRateArgument learningRate = default, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f, bool amsgrad = false,
        float? weightDecay = null, float? clipnorm = null, float? clipvalue = null, float? globalClipnorm = null,
        bool useEma = false, float emaMomentum = 0.99f, int? emaOverwriteFrequency = null, string name = "adam")
        : base(name, 0.001f, learningRate, weightDecay, clipnorm, clipvalue, globalClipnorm, useEma, emaMomentum, emaOverwriteFrequency)
    {
        Beta1 = Fraction(beta1, nameof(beta1));
        Beta2 = Fraction(beta2, nameof(beta2));
        Epsilon = NonNegative(epsilon, nameof(epsilon));
        Amsgrad = amsgrad;
    }

    /// <summary>Decay rate of the first-moment (mean) estimate.</summary>
    public float Beta1 { get; }

    /// <summary>Decay rate of the second-moment (uncentered variance) estimate.</summary>
    public float Beta2 { get; }

    /// <summary>Added to sqrt(v) for numerical stability.</summary>
    public float Epsilon { get; }

    /// <summary>Whether the AMSGrad variant is used.</summary>
    public bool Amsgrad { get; }

    public override string ClassName => "Adam";

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["beta_1"] = Beta1;
        config["beta_2"] = Beta2;
        config["epsilon"] = Epsilon;
        config["amsgrad"] = Amsgrad;
        return config;
    }

    internal static Adam FromConfig(JsonObject config)
    {
        var c = ReadCommon(config, "Adam", "adam");
        return new(c.LearningRate, config.GetFloat("beta_1", 0.9f, "Adam"), config.GetFloat("beta_2", 0.999f, "Adam"),
            config.GetFloat("epsilon", 1e-7f, "Adam"), LayerConfig.Bool(config, "amsgrad", false),
            c.WeightDecay, c.Clipnorm, c.Clipvalue, c.GlobalClipnorm, c.UseEma, c.EmaMomentum, c.EmaOverwriteFrequency, c.Name);
    }

    private protected override void CreateSlots(IReadOnlyList<Variable> variables)
    {
        (_momentums, _velocities) = AddSlotPairs(variables, "momentum", "velocity");
        if (Amsgrad) _velocityHats = AddSlots(variables, "velocity_hat");
    }

    private protected override void UpdateStep(ReadOnlySpan<float> gradient, Variable variable, int index, float learningRate)
    {
        double t = Iterations + 1;
        var alpha = (float)(learningRate * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (1 - Math.Pow(Beta1, t)));
        var rule = new AdamRule(1 - Beta1, 1 - Beta2, alpha, Epsilon, Amsgrad);
        UpdateRule.Run(rule, variable.Value.Floats, gradient, _momentums[index].Value.Floats, _velocities[index].Value.Floats,
            Amsgrad ? _velocityHats[index].Value.Floats : default);
    }

    private readonly struct AdamRule(float oneMinusBeta1, float oneMinusBeta2, float alpha, float epsilon, bool amsgrad) : IUpdateRule
    {
        public void Update(ref Vector<float> w, Vector<float> g, ref Vector<float> m, ref Vector<float> v, ref Vector<float> vHat)
        {
            m += (g - m) * oneMinusBeta1;
            v += (g * g - v) * oneMinusBeta2;
            var denominator = v;
            if (amsgrad)
            {
                vHat = Vector.Max(vHat, v);
                denominator = vHat;
            }
            w -= m * alpha / (Vector.SquareRoot(denominator) + new Vector<float>(epsilon));
        }
    }
}
