using System.Numerics;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Optimizers;

/// <summary>
/// Adagrad (Keras's <c>Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7)</c>): the accumulator sums the
/// squared gradients, <c>a += g²</c>, and <c>w -= lr * g / sqrt(a + epsilon)</c>. Slots: accumulator per variable.
/// </summary>
public sealed class Adagrad : BaseOptimizer
{
    private Variable[] _accumulators = [];

    public Adagrad(
        LearningRateArgument learningRate = default, float initialAccumulatorValue = 0.1f, float epsilon = 1e-7f,
        float? weightDecay = null, float? clipnorm = null, float? clipvalue = null, float? globalClipnorm = null,
        bool useEma = false, float emaMomentum = 0.99f, int? emaOverwriteFrequency = null, string name = "adagrad")
        : base(name, 0.001f, learningRate, weightDecay, clipnorm, clipvalue, globalClipnorm, useEma, emaMomentum, emaOverwriteFrequency)
    {
        InitialAccumulatorValue = NonNegative(initialAccumulatorValue, nameof(initialAccumulatorValue));
        Epsilon = NonNegative(epsilon, nameof(epsilon));
    }

    /// <summary>The accumulators' starting value.</summary>
    public float InitialAccumulatorValue { get; }

    /// <summary>Added to the accumulator before the square root, for numerical stability.</summary>
    public float Epsilon { get; }

    public override string ClassName => "Adagrad";

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["initial_accumulator_value"] = InitialAccumulatorValue;
        config["epsilon"] = Epsilon;
        return config;
    }

    internal static Adagrad FromConfig(JsonObject config)
    {
        var c = ReadCommon(config, "Adagrad", "adagrad");
        return new(c.LearningRate, config.GetFloat("initial_accumulator_value", 0.1f, "Adagrad"), config.GetFloat("epsilon", 1e-7f, "Adagrad"),
            c.WeightDecay, c.Clipnorm, c.Clipvalue, c.GlobalClipnorm, c.UseEma, c.EmaMomentum, c.EmaOverwriteFrequency, c.Name);
    }

    private protected override void CreateSlots(IReadOnlyList<Variable> variables) =>
        _accumulators = AddSlots(variables, "accumulator", InitialAccumulatorValue);

    private protected override void UpdateStep(ReadOnlySpan<float> gradient, Variable variable, int index, float learningRate) =>
        UpdateRule.Run(new AdagradRule(learningRate, Epsilon), variable.Value.Floats, gradient, _accumulators[index].Value.Floats);

    private readonly struct AdagradRule(float learningRate, float epsilon) : IUpdateRule
    {
        public void Update(ref Vector<float> w, Vector<float> g, ref Vector<float> accumulator, ref Vector<float> unused1, ref Vector<float> unused2)
        {
            accumulator += g * g;
            w -= g * learningRate / Vector.SquareRoot(accumulator + new Vector<float>(epsilon));
        }
    }
}
