using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// The running (weighted) mean of a per-sample function of (y_true, y_pred) (Keras's <c>MeanMetricWrapper</c>):
/// <c>new MeanMetricWrapper((yTrue, yPred) => Ops.Abs(yTrue - yPred))</c>. Most built-in metrics are one (accuracies, errors,
/// crossentropies). A mask attached to y_pred by a masking layer zeroes the weight of masked samples. Only a function
/// registered with <see cref="MetricFunctions.Register"/> can be saved: the config holds its name, never code.
/// </summary>
public class MeanMetricWrapper : Metric
{
    private readonly Func<Tensor, Tensor, Tensor> _fn;
    private readonly string? _fnName;
    private readonly WeightedMean _state;

    public MeanMetricWrapper(Func<Tensor, Tensor, Tensor> fn, string? name = null, DType dtype = DType.Float32)
        : base(AutoName(name, "MeanMetricWrapper"), dtype)
    {
        ArgumentNullException.ThrowIfNull(fn);
        _fn = fn;
        _state = new WeightedMean(AddVariable("total", Shape.Scalar), AddVariable("count", Shape.Scalar));
    }

    /// <summary>A wrapper of the function registered under <paramref name="fn"/> (see <see cref="MetricFunctions"/>).</summary>
    public MeanMetricWrapper(string fn, string? name = null, DType dtype = DType.Float32)
        : this(MetricFunctions.Get(fn), name, dtype)
    {
        _fnName = fn;
    }

    public override string ClassName => "MeanMetricWrapper";

    /// <summary>The name the function is registered under, or null when it is not registered (the metric cannot be saved).</summary>
    public string? FunctionName => _fnName ?? MetricFunctions.NameOf(_fn);

    /// <summary>Adds fn(y_true, y_pred), per sample, weighted by <paramref name="sampleWeight"/>.</summary>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => Update(yTrue, yPred, sampleWeight, () =>
    {
        var values = _fn(yTrue, yPred);
        _state.Update(values, SampleWeights.ApplyMask(sampleWeight, yPred.KerasMask));
    });

    public override Tensor Result() => Tensor.Scalar(_state.Value);

    public override JsonObject GetConfig()
    {
        var functionName = FunctionName ?? throw new InvalidOperationException(
            $"{Owner} cannot be serialized: its function is not registered, and code is never saved. Register it with " +
            "MetricFunctions.Register(\"my_function\", fn) and build the metric with new MeanMetricWrapper(\"my_function\") or with that same fn.");
        var config = NameAndDTypeConfig();
        config["fn"] = new JsonObject
        {
            ["module"] = "keras.metrics",
            ["class_name"] = "function",
            ["config"] = functionName,
            ["registered_name"] = functionName,
        };
        return config;
    }

    internal static MeanMetricWrapper WrapperFromConfig(JsonObject config)
    {
        var extra = config.Select(kv => kv.Key).Where(k => k is not ("name" or "dtype" or "fn")).ToArray();
        if (extra.Length > 0)
            throw new NotSupportedException(
                $"MeanMetricWrapper config has keyword arguments for its function ({string.Join(", ", extra)}); only a registered function without arguments is supported.");
        var (name, dtype) = NameAndDType(config, null, "MeanMetricWrapper");
        return new MeanMetricWrapper(ReadFunctionName(config["fn"]), name, dtype);
    }

    // The function's name from Keras's {"class_name": "function", "config": name, "registered_name": ...} (the first of the two
    // that is registered) or a plain string.
    private static string ReadFunctionName(JsonNode? node) => node switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonObject o when (string?)o["class_name"] == "function" =>
            new[] { (string?)o["registered_name"], (string?)o["config"] }.OfType<string>().OrderBy(n => MetricFunctions.IsRegistered(n) ? 0 : 1).FirstOrDefault()
            ?? throw new FormatException($"MeanMetricWrapper config: the function entry has no name: {o.ToJsonString()}."),
        _ => throw new FormatException($"MeanMetricWrapper config needs an 'fn' naming a registered function; got {node?.ToJsonString() ?? "nothing"}."),
    };
}
