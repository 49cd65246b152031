using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Metrics;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Metrics;

/// <summary>
/// Every metric against Keras's formulas computed by PyTorch (Reference/gen_metrics.py): two or three batches accumulated with
/// and without sample weights, the result checked after each batch; then reset, and the same through a config round-trip.
/// </summary>
public class MetricReferenceTests
{
    private const string File = "metrics.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void AccumulatesBatchesAsKeras(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var metric = Make(c);
        Feed(c, metric, check: true);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ResetStartsOver(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var metric = Make(c);
        Feed(c, metric, check: false);
        metric.ResetState();
        Assert.All(metric.Variables, v => Assert.All(v.Value.ToArray(), x => Assert.Equal(0f, x)));
        Feed(c, metric, check: true);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConfigRoundTripGivesTheSameMetric(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var metric = KerasConfigAssert.RoundTrips(Make(c));
        Feed(c, metric, check: true);
    }

    /// <summary>The metric of a case, from its Keras constructor arguments (as Keras's <c>cls.from_config(args)</c>).</summary>
    internal static Metric Make(ReferenceCase c)
    {
        var config = (JsonObject)JsonNode.Parse(c.Args.GetRawText())!;
        config.Remove("batches");
        config.Remove("weighted");
        return (Metric)KerasRegistry.Create("keras.metrics", c.Op, config);
    }

    private static void Feed(ReferenceCase c, Metric metric, bool check)
    {
        var inputs = c.Inputs;
        var outputs = c.Outputs;
        var weighted = c.Bool("weighted");
        var valuesOnly = metric is Mean or Sum;
        var perBatch = (valuesOnly ? 1 : 2) + (weighted ? 1 : 0);
        for (var b = 0; b < c.Int("batches"); b++)
        {
            var batch = inputs.Skip(b * perBatch).Take(perBatch).ToArray();
            var sampleWeight = weighted ? batch[^1] : null;
            switch (metric)
            {
                case Mean mean: mean.UpdateState(batch[0], sampleWeight); break;
                case Sum sum: sum.UpdateState(batch[0], sampleWeight); break;
                default: metric.UpdateState(batch[0], batch[1], sampleWeight); break;
            }
            if (check) TensorAssert.Close(outputs[b], metric.Result(), rtol: 1e-5f, atol: 1e-6f, because: $"{c.Name} after batch {b + 1}");
        }
    }
}
