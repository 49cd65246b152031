using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Optimizers;

/// <summary>
/// Adam with decoupled weight decay (Keras's <c>AdamW(learning_rate=0.001, weight_decay=0.004, ...)</c>): each step first
/// shrinks the weights, <c>w -= w * weight_decay * lr</c>, then takes Adam's step.
/// </summary>
public sealed class AdamW : Adam
{
    public AdamW(
        LearningRateArgument learningRate = default, float weightDecay = 0.004f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f,
        bool amsgrad = false, float? clipnorm = null, float? clipvalue = null, float? globalClipnorm = null,
        bool useEma = false, float emaMomentum = 0.99f, int? emaOverwriteFrequency = null, string name = "adamw")
        : base(learningRate, beta1, beta2, epsilon, amsgrad, weightDecay, clipnorm, clipvalue, globalClipnorm, useEma, emaMomentum, emaOverwriteFrequency, name)
    {
    }

    public override string ClassName => "AdamW";

    internal static new AdamW FromConfig(JsonObject config)
    {
        var c = ReadCommon(config, "AdamW", "adamw");
        // Keras requires a float weight_decay here; an absent key takes the 0.004 default.
        var weightDecay = config.ContainsKey("weight_decay")
            ? c.WeightDecay ?? throw new FormatException($"AdamW config: 'weight_decay' must be a number; got null.")
            : 0.004f;
        return new(c.LearningRate, weightDecay, config.GetFloat("beta_1", 0.9f, "AdamW"), config.GetFloat("beta_2", 0.999f, "AdamW"),
            config.GetFloat("epsilon", 1e-7f, "AdamW"), LayerConfig.Bool(config, "amsgrad", false),
            c.Clipnorm, c.Clipvalue, c.GlobalClipnorm, c.UseEma, c.EmaMomentum, c.EmaOverwriteFrequency, c.Name);
    }
}
