using System.Numerics;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Optimizers;

/// <summary>
/// Gradient descent, with momentum and Nesterov momentum (Keras's <c>SGD(learning_rate=0.01, momentum=0.0, nesterov=False)</c>):
/// <c>w -= lr * g</c>; with momentum <c>m = momentum * m - lr * g</c>, then <c>w += m</c>, or with Nesterov
/// <c>w += momentum * m - lr * g</c>. The momentum slots exist only when momentum is not 0.
/// </summary>
public sealed class SGD : BaseOptimizer
{
    private Variable[] _momentums = [];

    public SGD(
        LearningRateArgument learningRate = default, float momentum = 0f, bool nesterov = false,
        float? weightDecay = null, float? clipnorm = null, float? clipvalue = null, float? globalClipnorm = null,
        bool useEma = false, float emaMomentum = 0.99f, int? emaOverwriteFrequency = null, string name = "SGD")
        : base(name, 0.01f, learningRate, weightDecay, clipnorm, clipvalue, globalClipnorm, useEma, emaMomentum, emaOverwriteFrequency)
    {
        Momentum = Fraction(momentum, nameof(momentum));
        Nesterov = nesterov;
    }

    /// <summary>How much of the previous step the next one keeps (0: plain gradient descent).</summary>
    public float Momentum { get; }

    /// <summary>Whether the momentum is Nesterov's (look-ahead) momentum.</summary>
    public bool Nesterov { get; }

    public override string ClassName => "SGD";

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["momentum"] = Momentum;
        config["nesterov"] = Nesterov;
        return config;
    }

    internal static SGD FromConfig(JsonObject config)
    {
        var c = ReadCommon(config, "SGD", "SGD");
        return new(c.LearningRate, config.GetFloat("momentum", 0f, "SGD"), LayerConfig.Bool(config, "nesterov", false),
            c.WeightDecay, c.Clipnorm, c.Clipvalue, c.GlobalClipnorm, c.UseEma, c.EmaMomentum, c.EmaOverwriteFrequency, c.Name);
    }

    private protected override void CreateSlots(IReadOnlyList<Variable> variables)
    {
        if (Momentum != 0) _momentums = AddSlots(variables, "momentum");
    }

    private protected override void UpdateStep(ReadOnlySpan<float> gradient, Variable variable, int index, float learningRate)
    {
        if (Momentum != 0)
            UpdateRule.Run(new MomentumRule(learningRate, Momentum, Nesterov), variable.Value.Floats, gradient, _momentums[index].Value.Floats);
        else
            UpdateRule.Run(new DescentRule(learningRate), variable.Value.Floats, gradient);
    }

    private readonly struct DescentRule(float learningRate) : IUpdateRule
    {
        public void Update(ref Vector<float> w, Vector<float> g, ref Vector<float> unused0, ref Vector<float> unused1, ref Vector<float> unused2) =>
            w -= g * learningRate;
    }

    private readonly struct MomentumRule(float learningRate, float momentum, bool nesterov) : IUpdateRule
    {
        public void Update(ref Vector<float> w, Vector<float> g, ref Vector<float> m, ref Vector<float> unused1, ref Vector<float> unused2)
        {
            m = m * momentum - g * learningRate;
            w += nesterov ? m * momentum - g * learningRate : m;
        }
    }
}
