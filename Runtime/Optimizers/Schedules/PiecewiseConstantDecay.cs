using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Optimizers.Schedules;

/// <summary>
/// A step function (Keras's <c>PiecewiseConstantDecay(boundaries, values)</c>): values[0] while step &lt;= boundaries[0],
/// values[i] while boundaries[i - 1] &lt; step &lt;= boundaries[i], and the last value after the last boundary.
/// </summary>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly long[] _boundaries;
    private readonly float[] _values;

    public PiecewiseConstantDecay(long[] boundaries, float[] values, string name = "PiecewiseConstant")
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (boundaries.Length != values.Length - 1)
            throw new ArgumentException(
                $"PiecewiseConstantDecay: boundaries must have one element less than values; got {boundaries.Length} boundaries " +
                $"[{string.Join(", ", boundaries)}] and {values.Length} values [{string.Join(", ", values)}].", nameof(boundaries));
        for (var i = 1; i < boundaries.Length; i++)
        {
            if (boundaries[i] <= boundaries[i - 1])
                throw new ArgumentException($"PiecewiseConstantDecay: boundaries must be strictly increasing; got [{string.Join(", ", boundaries)}].", nameof(boundaries));
        }
        for (var i = 0; i < values.Length; i++) Finite(values[i], nameof(values), "PiecewiseConstantDecay");
        _boundaries = (long[])boundaries.Clone();
        _values = (float[])values.Clone();
        Name = name ?? "PiecewiseConstant";
    }

    /// <summary>The steps where the value changes, strictly increasing.</summary>
    public IReadOnlyList<long> Boundaries => _boundaries;

    /// <summary>The value before the first boundary, between each pair, and after the last.</summary>
    public IReadOnlyList<float> Values => _values;

    public override string Name { get; }

    public override string ClassName => "PiecewiseConstantDecay";

    public override float Call(long step)
    {
        var i = 0;
        while (i < _boundaries.Length && step > _boundaries[i]) i++;
        return _values[i];
    }

    public override JsonObject GetConfig() => new()
    {
        ["boundaries"] = new JsonArray(_boundaries.Select(b => (JsonNode)b).ToArray()),
        ["values"] = new JsonArray(_values.Select(v => (JsonNode)v).ToArray()),
        ["name"] = Name,
    };

    internal static PiecewiseConstantDecay FromConfig(JsonObject config)
    {
        Require(config, "PiecewiseConstantDecay", "boundaries", "values");
        // Keras casts the boundaries to the step's integer type, so 100.0 and 100 are the same boundary.
        var boundaries = Numbers(config, "boundaries").Select(b => (long)b).ToArray();
        var values = Numbers(config, "values").Select(v => (float)v).ToArray();
        return new(boundaries, values, config.GetString("name", "PiecewiseConstant", "PiecewiseConstantDecay"));
    }

    private static double[] Numbers(JsonObject config, string key) => config[key] is JsonArray list
        ? list.Select(n => n is not null && n.GetValueKind() == JsonValueKind.Number
            ? double.Parse(n.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : throw new FormatException($"PiecewiseConstantDecay config: '{key}' must be a list of numbers; got {config[key]!.ToJsonString()}.")).ToArray()
        : throw new FormatException($"PiecewiseConstantDecay config: '{key}' must be a list of numbers; got {config[key]!.ToJsonString()}.");
}
