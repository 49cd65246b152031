using System.Numerics;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Optimizers;

/// <summary>
/// Nadam, Adam with Nesterov momentum (Keras's <c>Nadam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)</c>), with
/// the momentum schedule <c>u_t = beta_1 * (1 - 0.5 * 0.96^t)</c> whose running product is kept in a state variable. Slots:
/// momentum and velocity per variable (interleaved), then the product ("u_product").
/// </summary>
public sealed class Nadam : BaseOptimizer
{
    private Variable[] _momentums = [];
    private Variable[] _velocities = [];
    private Variable? _uProduct;

    public Nadam(
        LearningRateArgument learningRate = default, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f,
        float? weightDecay = null, float? clipnorm = null, float? clipvalue = null, float? globalClipnorm = null,
        bool useEma = false, float emaMomentum = 0.99f, int? emaOverwriteFrequency = null, string name = "nadam")
        : base(name, 0.001f, learningRate, weightDecay, clipnorm, clipvalue, globalClipnorm, useEma, emaMomentum, emaOverwriteFrequency)
    {
        Beta1 = Fraction(beta1, nameof(beta1));
        Beta2 = Fraction(beta2, nameof(beta2));
        Epsilon = NonNegative(epsilon, nameof(epsilon));
    }

    /// <summary>Decay rate of the first-moment estimate (scaled by the momentum schedule).</summary>
    public float Beta1 { get; }

    /// <summary>Decay rate of the second-moment estimate.</summary>
    public float Beta2 { get; }

    /// <summary>Added to sqrt(v̂) for numerical stability.</summary>
    public float Epsilon { get; }

    public override string ClassName => "Nadam";

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["beta_1"] = Beta1;
        config["beta_2"] = Beta2;
        config["epsilon"] = Epsilon;
        return config;
    }

    internal static Nadam FromConfig(JsonObject config)
    {
        var c = ReadCommon(config, "Nadam", "nadam");
        return new(c.LearningRate, config.GetFloat("beta_1", 0.9f, "Nadam"), config.GetFloat("beta_2", 0.999f, "Nadam"),
            config.GetFloat("epsilon", 1e-7f, "Nadam"),
            c.WeightDecay, c.Clipnorm, c.Clipvalue, c.GlobalClipnorm, c.UseEma, c.EmaMomentum, c.EmaOverwriteFrequency, c.Name);
    }

    private protected override void CreateSlots(IReadOnlyList<Variable> variables)
    {
        (_momentums, _velocities) = AddSlotPairs(variables, "momentum", "velocity");
        _uProduct = AddVariable("u_product", Tensor.Scalar(1f));
    }

    private protected override void BeforeUpdateSteps()
    {
        var product = _uProduct!.Value.Floats;
        product[0] = (float)(product[0] * Beta1 * (1 - 0.5 * Math.Pow(0.96, Iterations + 1)));
    }

    private protected override void UpdateStep(ReadOnlySpan<float> gradient, Variable variable, int index, float learningRate)
    {
        double t = Iterations + 1;
        var uT = Beta1 * (1 - 0.5 * Math.Pow(0.96, t));
        var uNext = Beta1 * (1 - 0.5 * Math.Pow(0.96, t + 1));
        double uProduct = _uProduct!.Value.AsSpan()[0];
        var rule = new NadamRule(
            learningRate, 1 - Beta1, 1 - Beta2, Epsilon,
            momentumFactor: (float)(uNext / (1 - uProduct * uNext)),
            gradientFactor: (float)((1 - uT) / (1 - uProduct)),
            velocityCorrection: (float)(1 - Math.Pow(Beta2, t)));
        UpdateRule.Run(rule, variable.Value.Floats, gradient, _momentums[index].Value.Floats, _velocities[index].Value.Floats);
    }

    private readonly struct NadamRule(
        float learningRate, float oneMinusBeta1, float oneMinusBeta2, float epsilon, float momentumFactor, float gradientFactor, float velocityCorrection)
        : IUpdateRule
    {
        public void Update(ref Vector<float> w, Vector<float> g, ref Vector<float> m, ref Vector<float> v, ref Vector<float> unused2)
        {
            m += (g - m) * oneMinusBeta1;
            v += (g * g - v) * oneMinusBeta2;
            var mHat = m * momentumFactor + g * gradientFactor;
            var vHat = v / new Vector<float>(velocityCorrection);
            w -= mHat * learningRate / (Vector.SquareRoot(vHat) + new Vector<float>(epsilon));
        }
    }
}
