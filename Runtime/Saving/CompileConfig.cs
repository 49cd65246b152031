using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Metrics;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Training;

namespace NotebookKeras.Runtime.Saving;

/// <summary>
/// Keras's <c>compile_config</c> (<c>Trainer.get_compile_config</c>): the arguments of <c>compile</c>, saved so that a loaded
/// model is compiled again and resumes training. Losses, metrics and the optimizer are written as serialized objects (or
/// metric names as given); reading maps the keys NotebookKeras knows and ignores the others.
/// </summary>
internal static class CompileConfig
{
    public static JsonObject Serialize(Optimizer optimizer, LossSpec? loss, MetricsSpec? metrics, LossWeights? lossWeights, MetricsSpec? weightedMetrics) => new()
    {
        ["optimizer"] = KerasRegistry.Serialize(optimizer),
        ["loss"] = Losses(loss),
        ["loss_weights"] = Weights(lossWeights),
        ["metrics"] = MetricsNode(metrics),
        ["weighted_metrics"] = MetricsNode(weightedMetrics),
        ["run_eagerly"] = false,
        ["steps_per_execution"] = 1,
        ["jit_compile"] = false,
    };

    /// <summary>Compiles <paramref name="model"/> from a saved config; an empty config (a model never compiled) does nothing.</summary>
    public static void Apply(Models.Model model, JsonObject config)
    {
        if (config["optimizer"] is not { } optimizerNode) return;
        var optimizer = Optimizer.Get(Identifier(optimizerNode)) ?? Optimizer.Get("rmsprop");
        model.Compile(optimizer, ReadLosses(config["loss"]), ReadMetrics(config["metrics"]), ReadWeights(config["loss_weights"]), ReadMetrics(config["weighted_metrics"]));
    }

    private static JsonNode? Losses(LossSpec? spec) => spec switch
    {
        null => null,
        { Keyed: { } keyed } => new JsonObject(keyed.Select(kv => KeyValuePair.Create(kv.Key, LossNode(kv.Value)))),
        { Positional: [var single] } => LossNode(single),
        _ => new JsonArray(spec.Positional.Select(LossNode).ToArray()),
    };

    private static JsonNode? LossNode(Loss? loss) => loss is null ? null : KerasRegistry.Serialize(loss);

    private static JsonNode? Weights(LossWeights? weights) => weights switch
    {
        null => null,
        { Keyed: { } keyed } => new JsonObject(keyed.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        _ => new JsonArray(weights.Positional.Select(w => (JsonNode)w).ToArray()),
    };

    private static JsonNode? MetricsNode(MetricsSpec? spec) => spec switch
    {
        null => null,
        { Keyed: { } keyed } => new JsonObject(keyed.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonArray(kv.Value.Select(MetricNode).ToArray())))),
        _ => new JsonArray(spec.Flat.Select(MetricNode).ToArray()),
    };

    private static JsonNode? MetricNode(MetricSpec metric) => metric.Name is { } name ? JsonValue.Create(name) : KerasRegistry.Serialize(metric.Metric!);

    private static LossSpec? ReadLosses(JsonNode? node) => node switch
    {
        null => null,
        JsonArray list => list.Select(l => l is null ? null : Loss.Get(Identifier(l))).ToArray()!,
        JsonObject keyed when !keyed.ContainsKey("class_name") =>
            new Dictionary<string, Loss?>(keyed.Select(kv => KeyValuePair.Create(kv.Key, kv.Value is null ? null : Loss.Get(Identifier(kv.Value))))),
        _ => new LossSpec { Loss.Get(Identifier(node)) },
    };

    private static LossWeights? ReadWeights(JsonNode? node) => node switch
    {
        null => null,
        JsonArray list => list.Select(w => (float)w!).ToArray(),
        JsonObject keyed => new Dictionary<string, float>(keyed.Select(kv => KeyValuePair.Create(kv.Key, (float)kv.Value!))),
        _ => throw new FormatException($"compile_config: 'loss_weights' must be a list or a dict; got {node.ToJsonString()}."),
    };

    private static MetricsSpec? ReadMetrics(JsonNode? node) => node switch
    {
        null => null,
        JsonArray list => list.Where(m => m is not null).Select(m => ReadMetric(m!)).ToArray(),
        JsonObject keyed => new Dictionary<string, MetricSpec[]>(keyed.Select(kv => KeyValuePair.Create(
            kv.Key, kv.Value is JsonArray l ? l.Where(m => m is not null).Select(m => ReadMetric(m!)).ToArray() : kv.Value is null ? [] : [ReadMetric(kv.Value)]))),
        _ => new MetricSpec[] { ReadMetric(node) },
    };

    private static MetricSpec ReadMetric(JsonNode node) =>
        node is JsonValue value ? (string)value! : Metric.Get(Identifier(node))!;

    // A string name, or a serialized object as a private copy (deserializing takes ownership of the config).
    private static object Identifier(JsonNode node) => node is JsonValue value ? (string)value! : node.DeepClone().AsObject();
}
