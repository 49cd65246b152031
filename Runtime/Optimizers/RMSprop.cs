using System.Numerics;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Optimizers;

/// <summary>
/// RMSprop (Keras's <c>RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False)</c>):
/// <c>v = rho * v + (1 - rho) * g²</c>, <c>step = lr * g / sqrt(v + epsilon)</c>; centered subtracts the square of the running
/// mean gradient from v; with momentum <c>m = momentum * m + step</c> and <c>w -= m</c>, else <c>w -= step</c>.
/// Slots: velocity for every variable, then momentum (when momentum > 0), then average_gradient (when centered).
/// </summary>
public sealed class RMSprop : BaseOptimizer
{
    private Variable[] _velocities = [];
    private Variable[] _momentums = [];
    private Variable[] _averageGradients = [];

    public RMSprop(
        LearningRateArgument learningRate = default, float rho = 0.9f, float momentum = 0f, float epsilon = 1e-7f, bool centered = false,
        float? weightDecay = null, float? clipnorm = null, float? clipvalue = null, float? globalClipnorm = null,
        bool useEma = false, float emaMomentum = 0.99f, int? emaOverwriteFrequency = null, string name = "rmsprop")
        : base(name, 0.001f, learningRate, weightDecay, clipnorm, clipvalue, globalClipnorm, useEma, emaMomentum, emaOverwriteFrequency)
    {
        Rho = Fraction(rho, nameof(rho));
        Momentum = Fraction(momentum, nameof(momentum));
        Epsilon = NonNegative(epsilon, nameof(epsilon));
        Centered = centered;
    }

    /// <summary>Decay rate of the mean squared gradient.</summary>
    public float Rho { get; }

    /// <summary>Momentum of the steps (0: none).</summary>
    public float Momentum { get; }

    /// <summary>Added to the mean square before the square root, for numerical stability.</summary>
    public float Epsilon { get; }

    /// <summary>Whether gradients are normalized by their estimated variance rather than their mean square.</summary>
    public bool Centered { get; }

    public override string ClassName => "RMSprop";

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["rho"] = Rho;
        config["momentum"] = Momentum;
        config["epsilon"] = Epsilon;
        config["centered"] = Centered;
        return config;
    }

    internal static RMSprop FromConfig(JsonObject config)
    {
        var c = ReadCommon(config, "RMSprop", "rmsprop");
        return new(c.LearningRate, config.GetFloat("rho", 0.9f, "RMSprop"), config.GetFloat("momentum", 0f, "RMSprop"),
            config.GetFloat("epsilon", 1e-7f, "RMSprop"), LayerConfig.Bool(config, "centered", false),
            c.WeightDecay, c.Clipnorm, c.Clipvalue, c.GlobalClipnorm, c.UseEma, c.EmaMomentum, c.EmaOverwriteFrequency, c.Name);
    }

    private protected override void CreateSlots(IReadOnlyList<Variable> variables)
    {
        _velocities = AddSlots(variables, "velocity");
        if (Momentum > 0) _momentums = AddSlots(variables, "momentum");
        if (Centered) _averageGradients = AddSlots(variables, "average_gradient");
    }

    private protected override void UpdateStep(ReadOnlySpan<float> gradient, Variable variable, int index, float learningRate) =>
        UpdateRule.Run(new RmsRule(learningRate, Rho, Momentum, Epsilon, Centered), variable.Value.Floats, gradient,
            _velocities[index].Value.Floats,
            Momentum > 0 ? _momentums[index].Value.Floats : default,
            Centered ? _averageGradients[index].Value.Floats : default);

    private readonly struct RmsRule(float learningRate, float rho, float momentum, float epsilon, bool centered) : IUpdateRule
    {
        public void Update(ref Vector<float> w, Vector<float> g, ref Vector<float> velocity, ref Vector<float> m, ref Vector<float> average)
        {
            velocity = velocity * rho + g * g * (1 - rho);
            var denominator = velocity + new Vector<float>(epsilon);
            if (centered)
            {
                average = average * rho + g * (1 - rho);
                denominator -= average * average;
            }
            var step = g * learningRate / Vector.SquareRoot(denominator);
            if (momentum > 0)
            {
                m = m * momentum + step;
                step = m;
            }
            w -= step;
        }
    }
}
