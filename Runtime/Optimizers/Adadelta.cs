using System.Numerics;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Optimizers;

/// <summary>
/// Adadelta (Keras's <c>Adadelta(learning_rate=0.001, rho=0.95, epsilon=1e-7)</c>): running means of the squared gradients and of
/// the squared updates, <c>a = rho * a + (1 - rho) * g²</c>, <c>delta = -sqrt(d + epsilon) * g / sqrt(a + epsilon)</c>,
/// <c>d = rho * d + (1 - rho) * delta²</c>, <c>w += lr * delta</c>. Slots: accumulated_grad and accumulated_delta_var per
/// variable, interleaved.
/// </summary>
public sealed class Adadelta : BaseOptimizer
{
    private Variable[] _accumulatedGrads = [];
    private Variable[] _accumulatedDeltaVars = [];

    public Adadelta(
        LearningRateArgument learningRate = default, float rho = 0.95f, float epsilon = 1e-7f,
        float? weightDecay = null, float? clipnorm = null, float? clipvalue = null, float? globalClipnorm = null,
        bool useEma = false, float emaMomentum = 0.99f, int? emaOverwriteFrequency = null, string name = "adadelta")
        : base(name, 0.001f, learningRate, weightDecay, clipnorm, clipvalue, globalClipnorm, useEma, emaMomentum, emaOverwriteFrequency)
    {
        Rho = Fraction(rho, nameof(rho));
        Epsilon = NonNegative(epsilon, nameof(epsilon));
    }

    /// <summary>Decay rate of both running means.</summary>
    public float Rho { get; }

    /// <summary>Added inside both square roots, for numerical stability (it also sets the first steps' size).</summary>
    public float Epsilon { get; }

    public override string ClassName => "Adadelta";

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["rho"] = Rho;
        config["epsilon"] = Epsilon;
        return config;
    }

    internal static Adadelta FromConfig(JsonObject config)
    {
        var c = ReadCommon(config, "Adadelta", "adadelta");
        return new(c.LearningRate, config.GetFloat("rho", 0.95f, "Adadelta"), config.GetFloat("epsilon", 1e-7f, "Adadelta"),
            c.WeightDecay, c.Clipnorm, c.Clipvalue, c.GlobalClipnorm, c.UseEma, c.EmaMomentum, c.EmaOverwriteFrequency, c.Name);
    }

    private protected override void CreateSlots(IReadOnlyList<Variable> variables) =>
        (_accumulatedGrads, _accumulatedDeltaVars) = AddSlotPairs(variables, "accumulated_grad", "accumulated_delta_var");

    private protected override void UpdateStep(ReadOnlySpan<float> gradient, Variable variable, int index, float learningRate) =>
        UpdateRule.Run(new AdadeltaRule(learningRate, Rho, Epsilon), variable.Value.Floats, gradient,
            _accumulatedGrads[index].Value.Floats, _accumulatedDeltaVars[index].Value.Floats);

    private readonly struct AdadeltaRule(float learningRate, float rho, float epsilon) : IUpdateRule
    {
        public void Update(ref Vector<float> w, Vector<float> g, ref Vector<float> grads, ref Vector<float> deltas, ref Vector<float> unused2)
        {
            var eps = new Vector<float>(epsilon);
            grads = grads * rho + g * g * (1 - rho);
            var delta = -(Vector.SquareRoot(deltas + eps) * g) / Vector.SquareRoot(grads + eps);
            deltas = deltas * rho + delta * delta * (1 - rho);
            w += delta * learningRate;
        }
    }
}
