using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Models;

namespace NotebookKeras.Runtime.Saving.Tfjs;

/// <summary>
/// The <c>trainingConfig</c> that TensorFlow.js saves for a compiled model (<c>{loss, metrics, optimizer_config}</c>, the
/// optimizer in TensorFlow.js's own class names and camelCase keys), read as Keras's <c>compile_config</c> so that the
/// loaded model is compiled as it was. As Keras's <c>compile_from_config</c>, a config that cannot be applied (an optimizer
/// Keras has no equivalent of, an unknown loss) leaves the model uncompiled rather than failing the load: the weights and
/// predictions do not depend on it. Optimizer state is not restored (TensorFlow.js's slots differ from Keras's).
/// </summary>
internal static class TfjsTrainingConfig
{
    // TensorFlow.js's optimizer classes (tf.train.*) as Keras's; 'Momentum' is Keras's SGD with momentum.
    private static readonly Dictionary<string, string> Optimizers = new(StringComparer.Ordinal)
    {
        ["Adam"] = "Adam",
        ["Adamax"] = "Adamax",
        ["Adagrad"] = "Adagrad",
        ["Adadelta"] = "Adadelta",
        ["RMSProp"] = "RMSprop",
        ["SGD"] = "SGD",
        ["Momentum"] = "SGD",
    };

    // Their config keys as Keras's; RMSProp's 'decay' is the discount Keras calls rho (Adamax's is a learning-rate decay,
    // which Keras 3 does not have, and is dropped with the other keys not listed).
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        ["learningRate"] = "learning_rate",
        ["beta1"] = "beta_1",
        ["beta2"] = "beta_2",
        ["epsilon"] = "epsilon",
        ["rho"] = "rho",
        ["momentum"] = "momentum",
        ["useNesterov"] = "nesterov",
        ["initialAccumulatorValue"] = "initial_accumulator_value",
        ["centered"] = "centered",
    };

    /// <summary>Compiles <paramref name="model"/> as <paramref name="trainingConfig"/> says, when it says something Keras can do.</summary>
    public static void Apply(Model model, JsonNode? trainingConfig)
    {
        if (CompileConfig(trainingConfig) is not { } compile) return;
        try
        {
            Saving.CompileConfig.Apply(model, compile);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            // Keras's compile_from_config warns and leaves the model uncompiled: so does this.
        }
    }

    /// <summary>Keras's compile_config for a TensorFlow.js trainingConfig; null when there is none or its optimizer is unknown.</summary>
    public static JsonObject? CompileConfig(JsonNode? trainingConfig)
    {
        if (trainingConfig is not JsonObject training || training["optimizer_config"] is not JsonObject optimizer) return null;
        if ((string?)optimizer["class_name"] is not { } tfjsName || !Optimizers.TryGetValue(tfjsName, out var kerasName)) return null;
        var config = new JsonObject();
        foreach (var (key, value) in optimizer["config"] as JsonObject ?? [])
        {
            var kerasKey = key == "decay" && tfjsName == "RMSProp" ? "rho" : Keys.GetValueOrDefault(key);
            if (kerasKey is not null) config[kerasKey] = value?.DeepClone();
        }
        return new JsonObject
        {
            ["optimizer"] = new JsonObject { ["module"] = "keras.optimizers", ["class_name"] = kerasName, ["config"] = config, ["registered_name"] = null },
            ["loss"] = training["loss"]?.DeepClone(),
            ["loss_weights"] = training["loss_weights"]?.DeepClone(),
            // TensorFlow.js writes {} for a model compiled without metrics.
            ["metrics"] = training["metrics"] is JsonObject { Count: 0 } ? null : training["metrics"]?.DeepClone(),
        };
    }
}
