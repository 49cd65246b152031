using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Layers.Normalization;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

public class NormalizationLayersTests
{
    private const string File = "merge_norm_layers.json";

    private static readonly HashSet<string> NormalizationOps = ["BatchNormalization", "LayerNormalization", "GroupNormalization", "UnitNormalization"];

    public static IEnumerable<object[]> Cases =>
        ReferenceCases.Names(File).Where(row => NormalizationOps.Contains(ReferenceCases.Get(File, (string)row[0]).Op));

    /// <summary>
    /// Cases whose input gradient the finite differences see: not renorm (its r and d are constants for the tape, as in Keras)
    /// and not a zero sample of UnitNormalization (its clamped norm has a kink at zero).
    /// </summary>
    public static IEnumerable<object[]> DifferentiableCases => Cases.Where(row =>
        !ReferenceCases.Get(File, (string)row[0]).Has("renorm") && (string)row[0] != "unit_zero_sample");

    private static bool AxisIsList(ReferenceCase c) => c.Args.GetProperty("axis").ValueKind == JsonValueKind.Array;

    private static Layer Create(ReferenceCase c) => c.Op switch
    {
        "BatchNormalization" => AxisIsList(c)
            ? new BatchNormalization(c.Ints("axis"), momentum: c.Float("momentum"), center: c.Bool("center"), scale: c.Bool("scale"))
            : new BatchNormalization(
                c.Int("axis"), momentum: c.Float("momentum"), center: c.Bool("center"), scale: c.Bool("scale"),
                renorm: c.Has("renorm") && c.Bool("renorm"),
                renormClipping: c.Has("renorm_clipping")
                    ? c.Args.GetProperty("renorm_clipping").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetSingle())
                    : null,
                renormMomentum: c.Has("renorm_momentum") ? c.Float("renorm_momentum") : 0.99f),
        "LayerNormalization" => AxisIsList(c)
            ? new LayerNormalization(c.Ints("axis"), center: c.Bool("center"), scale: c.Bool("scale"), rmsScaling: c.Bool("rms_scaling"))
            : new LayerNormalization(c.Int("axis"), center: c.Bool("center"), scale: c.Bool("scale"), rmsScaling: c.Bool("rms_scaling")),
        "GroupNormalization" => new GroupNormalization(c.Int("groups"), c.Int("axis")),
        "UnitNormalization" => AxisIsList(c) ? new UnitNormalization(c.Ints("axis")) : new UnitNormalization(c.Int("axis")),
        _ => throw new InvalidOperationException(c.Op),
    };

    /// <summary>The case's layer built for its input with the case's weights, the input, its mask and the weights.</summary>
    private static (Layer Layer, Tensor X, Tensor? Mask, Tensor[] Weights, bool Training) Setup(ReferenceCase c)
    {
        var all = c.Inputs;
        var masked = c.Has("masks");
        var weights = all[(masked ? 2 : 1)..];
        var layer = Create(c);
        layer.MaybeBuild([all[0].Shape]);
        layer.SetWeights(weights);
        return (layer, all[0], masked ? all[1] : null, weights, c.Has("training") && c.Bool("training"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var (layer, x, mask, _, training) = Setup(c);
        var y = layer.Apply(x, training, mask);
        var expected = c.Outputs;
        TensorAssert.Close(expected[0], y, rtol: 1e-5f, atol: 2e-5f, because: name);
        Assert.Equal(x.Shape, layer.ComputeOutputShape(x.Shape));
        var next = 1;
        if (mask is not null)
        {
            Assert.Equal(expected[next++].ToArray(), y.KerasMask!.ToArray());
        }
        // In training, BatchNormalization's moving statistics follow moving * momentum + batch * (1 - momentum).
        var nonTrainable = layer.NonTrainableWeights;
        if (next < expected.Length)
        {
            Assert.Equal(expected.Length - next, nonTrainable.Count);
            for (var i = 0; i < nonTrainable.Count; i++)
                TensorAssert.Close(expected[next + i], nonTrainable[i].Value, rtol: 1e-5f, atol: 1e-6f, because: $"{name}: {nonTrainable[i].Name}");
        }
    }

    [Theory]
    [MemberData(nameof(DifferentiableCases))]
    public void InputGradientMatchesFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var (layer, x, mask, weights, training) = Setup(c);
        GradientCheck.Check(xs =>
        {
            layer.SetWeights(weights);
            return layer.Invoke([xs[0]], training, [mask])[0];
        }, [x], name: name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WeightGradientsMatchFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var (layer, x, mask, weights, training) = Setup(c);
        CheckWeightGradients(layer, weights, () => layer.Invoke([x], training, [mask])[0], name);
    }

    /// <summary>
    /// Tape gradients of sum(f() * w) with respect to the layer's trainable weights against central differences, perturbing
    /// one weight element at a time in place (all weights reset before each evaluation, so moving statistics do not drift).
    /// </summary>
    private static void CheckWeightGradients(Layer layer, Tensor[] weights, Func<Tensor> forward, string name)
    {
        layer.SetWeights(weights);
        var probe = forward();
        var w = GradientCheck.Random(77, -1, 1, probe.Shape.ToArray());
        var trainable = layer.TrainableWeights;
        Tensor[] analytic;
        layer.SetWeights(weights);
        using (var tape = new GradientTape())
            analytic = tape.Gradient(Runtime.Ops.Sum(forward() * w), trainable);

        double Objective(Variable v, int i, float delta)
        {
            layer.SetWeights(weights);
            v.Value.Floats[i] += delta;
            var y = forward().ToArray();
            var ws = w.ToArray();
            double s = 0;
            for (var k = 0; k < y.Length; k++) s += (double)y[k] * ws[k];
            return s;
        }

        const float eps = 1e-2f;
        for (var n = 0; n < trainable.Count; n++)
        {
            var grad = analytic[n].ToArray();
            Assert.Equal(trainable[n].Shape.Size, grad.Length);
            for (var i = 0; i < grad.Length; i++)
            {
                var numeric = (Objective(trainable[n], i, eps) - Objective(trainable[n], i, -eps)) / (2.0 * eps);
                var tol = 2e-3 + 2e-2 * Math.Abs(numeric);
                if (!(Math.Abs(grad[i] - numeric) <= tol))
                    Assert.Fail($"{name}: d/d {trainable[n].Name}[{i}] is {grad[i]:G6} by the tape, {numeric:G6} by finite differences.");
            }
        }
        layer.SetWeights(weights);
    }

    [Fact]
    public void RenormGradientWithPinnedCorrectionsMatchesFiniteDifferences()
    {
        // With r clipped to 1 and d to 0 the corrections are constants, so the stop-gradient tape result is the full derivative.
        var layer = new BatchNormalization(renorm: true, renormClipping: new Dictionary<string, float> { ["rmin"] = 1, ["rmax"] = 1, ["dmax"] = 0 });
        var x = GradientCheck.Random(60, -2, 2, 6, 3);
        layer.MaybeBuild([x.Shape]);
        var weights = layer.GetWeights().ToArray();
        GradientCheck.Check(xs =>
        {
            layer.SetWeights(weights);
            return layer.Invoke([xs[0]], true, [null])[0];
        }, [x], name: "renorm pinned");
        var plain = new BatchNormalization();
        TensorAssert.Close(plain.Apply(x, training: true), layer.Apply(x, training: true), rtol: 1e-5f, atol: 1e-5f);
    }

    [Fact]
    public void BatchNormalizationWeightsAreInKerasOrder()
    {
        var bn = new BatchNormalization();
        bn.Apply(Tensor.Ones(2, 3));
        Assert.Equal(["gamma", "beta", "moving_mean", "moving_variance"], bn.Weights.Select(v => v.Name));
        Assert.Equal(["gamma", "beta"], bn.TrainableWeights.Select(v => v.Name));
        Assert.Equal(["moving_mean", "moving_variance"], bn.NonTrainableWeights.Select(v => v.Name));
        Assert.Equal(12, bn.CountParams());
        Assert.Equal([1f, 1f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 1f, 1f, 1f], bn.GetWeights().SelectMany(t => t.ToArray()));
        var renorm = new BatchNormalization(renorm: true, center: false);
        renorm.Apply(Tensor.Ones(2, 3));
        Assert.Equal(["gamma", "moving_mean", "moving_variance", "moving_stddev", "renorm_mean", "renorm_stddev"], renorm.Weights.Select(v => v.Name));
        Assert.Equal("batch_normalization", LayerNames.ToSnakeCase(bn.ClassName));
    }

    [Fact]
    public void BatchNormalizationTrainsOnBatchStatisticsAndInfersWithMovingOnes()
    {
        var bn = new BatchNormalization(momentum: 0.5f);
        var x = Tensor.FromArray([1f, 10f, 3f, 20f, 5f, 30f], 3, 2);
        // Inference before training: moving mean 0, moving variance 1.
        TensorAssert.Close(x * (1f / MathF.Sqrt(1.001f)), bn.Apply(x));
        Assert.Equal([0f, 0f], bn.MovingMean!.Value.ToArray());

        var movingMean = bn.MovingMean.Value;
        var y = bn.Apply(x, training: true);
        Assert.Same(movingMean, bn.MovingMean.Value); // updated in place
        TensorAssert.Close(Tensor.FromArray([1.5f, 10f], 2), bn.MovingMean.Value);
        TensorAssert.Close(Tensor.FromArray([0.5f * 1 + 0.5f * 8f / 3, 0.5f * 1 + 0.5f * 200f / 3], 2), bn.MovingVariance!.Value, rtol: 1e-5f);
        TensorAssert.Close(Tensor.Zeros(2), Runtime.Ops.Mean(y, 0), atol: 1e-5f);

        for (var i = 0; i < 30; i++) bn.Apply(x, training: true);
        TensorAssert.Close(bn.Apply(x, training: true), bn.Apply(x), rtol: 1e-4f, atol: 1e-4f);

        // Nested calls inherit the training flag: a Sequential called in training mode updates the statistics.
        var inner = new BatchNormalization(momentum: 0f);
        new Sequential([inner]).Apply(x, training: true);
        TensorAssert.Close(Tensor.FromArray([3f, 20f], 2), inner.MovingMean!.Value);
    }

    [Fact]
    public void FrozenBatchNormalizationRunsInInferenceModeEvenWhenTraining()
    {
        var bn = new BatchNormalization();
        var x = GradientCheck.Random(61, -1, 3, 8, 4);
        bn.Apply(x, training: true);
        var before = bn.GetWeights();
        bn.Trainable = false;
        Assert.Empty(bn.TrainableWeights);
        var y = bn.Apply(x, training: true);
        TensorAssert.Equal(bn.Apply(x, training: false), y);
        for (var i = 0; i < before.Count; i++) TensorAssert.Equal(before[i], bn.GetWeights()[i]);
    }

    [Fact]
    public void BatchNormalizationMovingStatisticsAreNotOnTheTape()
    {
        var bn = new BatchNormalization();
        var x = GradientCheck.Random(62, -1, 1, 4, 3);
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = bn.Apply(x, training: true);
        var grads = tape.Gradient(Runtime.Ops.Sum(y * y), [x, bn.MovingMean!.Value]);
        Assert.Equal(x.Shape, grads[0].Shape);
        Assert.All(grads[1].ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void LayerGroupAndUnitNormalizationIgnoreTheTrainingFlag()
    {
        var x = GradientCheck.Random(63, -2, 2, 2, 3, 4);
        foreach (var layer in new Layer[] { new LayerNormalization(), new GroupNormalization(groups: 2), new UnitNormalization() })
            TensorAssert.Equal(layer.Apply(x, training: false), layer.Apply(x, training: true));
    }

    [Fact]
    public void MasksPassThroughTheNormalizationLayers()
    {
        var x = GradientCheck.Random(64, -2, 2, 2, 3, 4);
        var mask = Tensor.FromArray([1, 1, 0, 1, 0, 0], 2, 3);
        foreach (var layer in new Layer[] { new BatchNormalization(), new LayerNormalization(), new GroupNormalization(groups: 2), new UnitNormalization() })
        {
            Assert.True(layer.SupportsMasking);
            Assert.Same(mask, layer.Apply(x, mask: mask).KerasMask);
        }
    }

    [Fact]
    public void ChannelsFirstAndSymbolicShapes()
    {
        var input = InputLayer.Create(new Shape(2, 5, 5));
        var bn = new BatchNormalization(axis: 1);
        Assert.Equal(new Shape(-1, 2, 5, 5), bn.Apply(input).Shape);
        Assert.Equal(new Shape(2), bn.Gamma!.Shape);
        Assert.Equal(new Shape(-1, 2, 5, 5), new GroupNormalization(groups: 2, axis: 1).Apply(input).Shape);
        var ln = new LayerNormalization(axis: [1, 2, 3]);
        Assert.Equal(new Shape(-1, 2, 5, 5), ln.Apply(input).Shape);
        Assert.Equal(new Shape(2, 5, 5), ln.Gamma!.Shape);
        Assert.Equal(new Shape(-1, 2, 5, 5), new UnitNormalization(axis: [2, 3]).Apply(input).Shape);
        Assert.Equal(new Shape(-1, 7), new LayerNormalization().ComputeOutputShape(new Shape(-1, 7)));
    }

    [Fact]
    public void BadArgumentsAndInputsGiveClearErrors()
    {
        var range = Assert.Throws<ArgumentException>(() => new BatchNormalization(axis: 3, name: "bn").Apply(Tensor.Ones(2, 3)));
        Assert.Contains("'bn'", range.Message);
        Assert.Contains("axis 3 is out of bounds for input shape (2, 3)", range.Message);
        var unknown = Assert.Throws<ArgumentException>(() => new BatchNormalization().Apply(InputLayer.Create(new Shape(4, -1))));
        Assert.Contains("defined dimension", unknown.Message);
        Assert.Contains("(None, 4, None)", unknown.Message);

        var bn = new BatchNormalization(name: "bn_spec");
        bn.Apply(Tensor.Ones(2, 3));
        var spec = Assert.Throws<ArgumentException>(() => bn.Apply(Tensor.Ones(2, 4)));
        Assert.Contains("\"bn_spec\"", spec.Message);
        Assert.Contains("expected axis -1 of input shape to have value 3", spec.Message);
        Assert.Contains("ndim=2", Assert.Throws<ArgumentException>(() => bn.Apply(Tensor.Ones(2, 2, 3))).Message);
        var maskRank = Assert.Throws<ArgumentException>(() => bn.Apply(Tensor.Ones(2, 3), mask: Tensor.Ones(2, 3)));
        Assert.Contains("one dimension less", maskRank.Message);

        Assert.Contains("invalid keys", Assert.Throws<ArgumentException>(() => new BatchNormalization(renorm: true, renormClipping: new Dictionary<string, float> { ["r_max"] = 2 })).Message);
        Assert.Contains("rmax should be greater than rmin", Assert.Throws<ArgumentException>(() => new BatchNormalization(renorm: true, renormClipping: new Dictionary<string, float> { ["rmax"] = 1, ["rmin"] = 2 })).Message);

        var groups = Assert.Throws<ArgumentException>(() => new GroupNormalization(groups: 5, name: "gn").Apply(Tensor.Ones(2, 4)));
        Assert.Contains("'gn'", groups.Message);
        Assert.Contains("number of groups (5) cannot be more than the number of channels (4)", groups.Message);
        Assert.Contains("must be a multiple of the number of groups (3)", Assert.Throws<ArgumentException>(() => new GroupNormalization(groups: 3).Apply(Tensor.Ones(2, 4))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GroupNormalization(groups: 0));
        Assert.Contains("batch axis", Assert.Throws<ArgumentException>(() => new GroupNormalization(groups: 1, axis: 0).Apply(Tensor.Ones(2, 4))).Message);

        Assert.Contains("axis 2 is out of bounds for input shape (2, 4)", Assert.Throws<ArgumentException>(() => new LayerNormalization(axis: 2).Apply(Tensor.Ones(2, 4))).Message);
        Assert.Contains("known sizes", Assert.Throws<ArgumentException>(() => new LayerNormalization().Apply(InputLayer.Create(new Shape(-1)))).Message);
        Assert.Contains("axis -3 is out of bounds", Assert.Throws<ArgumentException>(() => new UnitNormalization(axis: -3).Apply(Tensor.Ones(2, 4))).Message);
    }

    [Fact]
    public void ConfigsRoundTripThroughTheRegistry()
    {
        var bn = KerasConfigAssert.RoundTrips(new BatchNormalization(axis: 1, momentum: 0.9f, epsilon: 1e-5f, center: false, gammaRegularizer: new L2(0.01f), name: "bn1"));
        Assert.Equal("bn1", bn.Name);
        var config = new BatchNormalization(axis: [1, 2], renorm: true, renormClipping: new Dictionary<string, float> { ["rmax"] = 3 }).GetConfig();
        Assert.Equal("[1,2]", config["axis"]!.ToJsonString());
        Assert.Equal("""{"rmax":3}""", config["renorm_clipping"]!.ToJsonString());
        KerasConfigAssert.RoundTrips(new BatchNormalization(axis: [1, 2], renorm: true, renormClipping: new Dictionary<string, float> { ["rmax"] = 3, ["dmax"] = 0.5f }));
        Assert.Equal("{}", new BatchNormalization(renorm: true).GetConfig()["renorm_clipping"]!.ToJsonString());

        var ln = new LayerNormalization(epsilon: 1e-6f, rmsScaling: true);
        Assert.Equal("-1", ln.GetConfig()["axis"]!.ToJsonString());
        KerasConfigAssert.RoundTrips(ln);
        ln.Apply(Tensor.Ones(2, 3));
        Assert.Equal("[-1]", ln.GetConfig()["axis"]!.ToJsonString()); // Keras 3 stores the axis as a list once built
        KerasConfigAssert.RoundTrips(ln);
        KerasConfigAssert.RoundTrips(new LayerNormalization(axis: [1, 2], center: false));

        var gn = new GroupNormalization(groups: -1, axis: 1);
        KerasConfigAssert.RoundTrips(gn);
        gn.Apply(Tensor.Ones(2, 6, 3));
        Assert.Equal(6, (int)gn.GetConfig()["groups"]!); // -1 becomes the channel count when built, as in Keras
        KerasConfigAssert.RoundTrips(gn);

        KerasConfigAssert.RoundTrips(new UnitNormalization());
        Assert.Equal("[1,2]", KerasConfigAssert.RoundTrips(new UnitNormalization(axis: [1, 2])).GetConfig()["axis"]!.ToJsonString());
    }

    [Fact]
    public void BatchNormalizationConfigMatchesKeras3()
    {
        // The layer config Keras 3.15 writes for keras.layers.BatchNormalization(name="bn_conv") (shared Keras 3 fixture batch_normalization).
        const string keras = """
            {"name": "bn_conv", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
             "axis": -1, "momentum": 0.99, "epsilon": 0.001, "center": true, "scale": true,
             "beta_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
             "gamma_initializer": {"module": "keras.initializers", "class_name": "Ones", "config": {}, "registered_name": null},
             "moving_mean_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
             "moving_variance_initializer": {"module": "keras.initializers", "class_name": "Ones", "config": {}, "registered_name": null},
             "beta_regularizer": null, "gamma_regularizer": null, "beta_constraint": null, "gamma_constraint": null,
             "synchronized": false, "renorm": false, "renorm_clipping": null, "renorm_momentum": 0.99}
            """;
        var config = (JsonObject)JsonNode.Parse(keras)!;
        var layer = (BatchNormalization)KerasRegistry.Create("keras.layers", "BatchNormalization", config);
        Assert.True(JsonNode.DeepEquals(config, layer.GetConfig()), layer.GetConfig().ToJsonString());
        Assert.True(JsonNode.DeepEquals(config, new BatchNormalization(name: "bn_conv").GetConfig()));
    }
}
