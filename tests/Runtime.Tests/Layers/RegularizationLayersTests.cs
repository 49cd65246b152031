using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Layers.Regularization;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

/// <summary>
/// The Regularization layers. Their noise comes from our own generator, so the tests check the formulas against PyTorch where
/// they are deterministic (ActivityRegularization's loss, AlphaDropout's affine correction) and otherwise the statistics and
/// structure of the noise, inference being the identity.
/// </summary>
public class RegularizationLayersTests
{
    private const string File = "core_layers.json";

    /// <summary>Large enough for the statistics below to be tight (standard errors around 0.005).</summary>
    private static Tensor Normal(int seed, params int[] shape) => Runtime.Ops.RandomNormal(new Shape(shape), seed: seed);

    private static (double Mean, double Std) Moments(IEnumerable<float> values)
    {
        var v = values.Select(x => (double)x).ToArray();
        var mean = v.Average();
        return (mean, Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Length));
    }

    public static IEnumerable<object[]> RandomLayers => RandomLayer.Keys.Select(k => new object[] { k });

    /// <summary>Each random layer, seeded: a fresh instance draws the same noise on its first training call.</summary>
    private static readonly Dictionary<string, Func<Layer>> RandomLayer = new()
    {
        ["gaussian_noise"] = () => new GaussianNoise(0.3f, seed: 1),
        ["gaussian_dropout"] = () => new GaussianDropout(0.3f, seed: 2),
        ["alpha_dropout"] = () => new AlphaDropout(0.3f, seed: 3),
        ["spatial_dropout1d"] = () => new SpatialDropout1D(0.3f, seed: 4),
        ["spatial_dropout2d"] = () => new SpatialDropout2D(0.3f, seed: 5),
        ["spatial_dropout3d"] = () => new SpatialDropout3D(0.3f, dataFormat: "channels_first", seed: 6),
    };

    private static Tensor InputFor(Layer layer, int seed) => layer switch
    {
        SpatialDropout1D => GradientCheck.Random(seed, -1, 1, 2, 3, 4),
        SpatialDropout2D => GradientCheck.Random(seed, -1, 1, 2, 2, 3, 4),
        SpatialDropout3D => GradientCheck.Random(seed, -1, 1, 2, 3, 2, 2, 2),
        _ => GradientCheck.Random(seed, -1, 1, 3, 5),
    };

    [Theory]
    [MemberData(nameof(RandomLayers))]
    public void InferenceIsTheIdentityAndTrainingAddsNoise(string key)
    {
        var layer = RandomLayer[key]();
        var x = InputFor(layer, 1);
        Assert.True(layer.SupportsMasking);
        Assert.Same(x, layer.Apply(x));
        Assert.Same(x, layer.Apply(x, training: false));
        var y = layer.Apply(x, training: true);
        Assert.Equal(x.Shape, y.Shape);
        Assert.NotEqual(x.ToArray(), y.ToArray());
        Assert.NotEqual(y.ToArray(), layer.Apply(x, training: true).ToArray()); // the stream advances
        TensorAssert.Equal(y, RandomLayer[key]().Apply(x, training: true)); // and a seed replays it
        Assert.Equal(new Shape(-1, 4), new GaussianNoise(0.1f).ComputeOutputShape(new Shape(-1, 4)));
    }

    [Theory]
    [MemberData(nameof(RandomLayers))]
    public void TrainingGradientMatchesFiniteDifferences(string key)
    {
        var x = InputFor(RandomLayer[key](), 2);
        GradientCheck.Check(xs => RandomLayer[key]().Apply(xs[0], training: true), [x], name: key);
    }

    [Fact]
    public void RandomLayersFollowTheTrainingFlagOfTheEnclosingModel()
    {
        var model = new Sequential([new GaussianNoise(0.5f, seed: 1), new GaussianDropout(0.2f, seed: 2), new AlphaDropout(0.2f, seed: 3)]);
        var x = GradientCheck.Random(3, -1, 1, 4, 6);
        TensorAssert.Equal(x, model.Apply(x));
        Assert.NotEqual(x.ToArray(), model.Apply(x, training: true).ToArray());
    }

    // ---------------------------------------------------------------- GaussianNoise and GaussianDropout

    [Fact]
    public void GaussianNoiseAddsZeroMeanNoiseOfTheGivenStddev()
    {
        var x = Normal(10, 200, 100);
        var y = new GaussianNoise(0.25f, seed: 4).Apply(x, training: true);
        var (mean, std) = Moments(y.ToArray().Zip(x.ToArray(), (a, b) => a - b));
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(std, 0.24, 0.26);
        Assert.Same(x, new GaussianNoise(0f).Apply(x, training: true));
    }

    [Fact]
    public void GaussianDropoutMultipliesByOneCentredNoiseWithTheVarianceOfDropout()
    {
        var x = Tensor.Full(new Shape(200, 100), 2f);
        var y = new GaussianDropout(0.2f, seed: 5).Apply(x, training: true);
        var (mean, std) = Moments(y.ToArray().Select(v => v / 2f));
        Assert.InRange(mean, 0.99, 1.01);
        Assert.InRange(std, 0.49, 0.51); // sqrt(0.2 / 0.8)
    }

    [Fact]
    public void NoiseArgumentErrorsAreClear()
    {
        Assert.Contains("stddev=1.5", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(1.5f)).Message);
        Assert.Contains("stddev=-0.1", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(-0.1f)).Message);
        Assert.Contains("rate=1", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianDropout(1f)).Message);
        Assert.Contains("rate=1", Assert.Throws<ArgumentOutOfRangeException>(() => new AlphaDropout(1f)).Message);
        Assert.Contains("rate=-0.5", Assert.Throws<ArgumentOutOfRangeException>(() => new SpatialDropout1D(-0.5f)).Message);
        Assert.Contains("noiseShape", Assert.Throws<ArgumentException>(() => new AlphaDropout(0.5f, noiseShape: [0, 2])).Message);
        var broadcast = Assert.Throws<ArgumentException>(() => new AlphaDropout(0.5f, noiseShape: [2, 3]).Apply(Tensor.Ones(2, 4), training: true));
        Assert.Contains("(2, 4)", broadcast.Message);
    }

    // ---------------------------------------------------------------- AlphaDropout

    [Theory]
    [InlineData("alpha_dropout_0.1")]
    [InlineData("alpha_dropout_0.5")]
    public void AlphaDropoutOutputsAreTheKeptOrDroppedValuesOfKerasFormula(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var x = c.Inputs[0];
        var (kept, dropped) = (c.Outputs[0].ToArray(), c.Outputs[1].ToArray());
        var drops = 0;
        for (var call = 0; call < 20; call++)
        {
            var y = new AlphaDropout(c.Float("rate"), seed: call).Apply(x, training: true).ToArray();
            for (var i = 0; i < y.Length; i++)
            {
                var isKept = Math.Abs(y[i] - kept[i]) <= 1e-5f * (1 + Math.Abs(kept[i]));
                var isDropped = Math.Abs(y[i] - dropped[i]) <= 1e-5f * (1 + Math.Abs(dropped[i]));
                Assert.True(isKept || isDropped, $"{name}: element {i} is {y[i]}; expected {kept[i]} (kept) or {dropped[i]} (dropped)");
                if (!isKept) drops++;
            }
        }
        Assert.InRange(drops / (20.0 * x.Size), c.Float("rate") - 0.06, c.Float("rate") + 0.06);
    }

    [Fact]
    public void AlphaDropoutKeepsZeroMeanAndUnitVariance()
    {
        var x = Normal(11, 200, 100);
        var y = new AlphaDropout(0.3f, seed: 12).Apply(x, training: true);
        var (mean, std) = Moments(y.ToArray());
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(std, 0.98, 1.02);
    }

    [Fact]
    public void AlphaDropoutNoiseShapeSharesDrawsAlongSizeOneAxes()
    {
        var x = Tensor.Ones(4, 6, 8);
        var y = new AlphaDropout(0.5f, noiseShape: [-1, 1, -1], seed: 13).Apply(x, training: true);
        for (var b = 0; b < 4; b++)
            for (var f = 0; f < 8; f++)
                for (var t = 1; t < 6; t++) Assert.Equal(y[b, 0, f], y[b, t, f]);
        Assert.Equal(2, y.ToArray().Distinct().Count());
    }

    // ---------------------------------------------------------------- SpatialDropout

    [Theory]
    [InlineData(1, "channels_last")]
    [InlineData(2, "channels_last")]
    [InlineData(2, "channels_first")]
    [InlineData(3, "channels_last")]
    [InlineData(3, "channels_first")]
    public void SpatialDropoutDropsWholeChannels(int rank, string dataFormat)
    {
        Layer layer = rank switch
        {
            1 => new SpatialDropout1D(0.5f, seed: 20),
            2 => new SpatialDropout2D(0.5f, dataFormat, seed: 21),
            _ => new SpatialDropout3D(0.5f, dataFormat, seed: 22),
        };
        const int batch = 6, channels = 10, size = 3;
        var shape = new int[rank + 2];
        Array.Fill(shape, size);
        shape[0] = batch;
        var channelAxis = dataFormat == "channels_first" ? 1 : rank + 1;
        shape[channelAxis] = channels;
        var y = layer.Apply(Tensor.Ones(shape), training: true);
        var values = y.ToArray();
        var strides = y.Shape.Strides();
        var kept = 0;
        for (var b = 0; b < batch; b++)
        {
            for (var ch = 0; ch < channels; ch++)
            {
                // Every position of one (sample, channel) feature map carries the same value: 0 or 1 / (1 - rate).
                var map = Enumerable.Range(0, values.Length)
                    .Where(i => i / strides[0] == b && i / strides[channelAxis] % channels == ch)
                    .Select(i => values[i]).Distinct().ToArray();
                var value = Assert.Single(map);
                Assert.True(value is 0f or 2f, $"feature map value {value}");
                if (value == 2f) kept++;
            }
        }
        Assert.InRange(kept, 15, 45); // of 60 feature maps, about half kept
    }

    [Fact]
    public void SpatialDropoutChecksTheInputRank()
    {
        var e = Assert.Throws<ArgumentException>(() => new SpatialDropout2D(0.5f, name: "sd").Apply(Tensor.Ones(2, 3, 4), training: true));
        Assert.Contains("\"sd\"", e.Message);
        Assert.Contains("expected ndim=4, found ndim=3", e.Message);
        Assert.Throws<ArgumentException>(() => new SpatialDropout1D(0.5f).Apply(Tensor.Ones(2, 3)));
        Assert.Throws<ArgumentException>(() => new SpatialDropout3D(0.5f, dataFormat: "channels_middle"));
        Assert.IsAssignableFrom<Dropout>(new SpatialDropout1D(0.1f)); // as in Keras, a kind of Dropout
    }

    // ---------------------------------------------------------------- ActivityRegularization

    [Theory]
    [InlineData("activity_regularization_0.01_0")]
    [InlineData("activity_regularization_0_0.02")]
    [InlineData("activity_regularization_0.05_0.1")]
    public void ActivityRegularizationAddsItsPenaltyToTheLosses(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var x = c.Inputs[0];
        var layer = new ActivityRegularization(c.Float("l1"), c.Float("l2"));
        Assert.Empty(layer.Losses);
        Assert.Same(x, layer.Apply(x));
        var loss = Assert.Single(layer.Losses);
        TensorAssert.Close(c.Outputs[1], loss, rtol: 1e-5f, because: name);
        layer.Apply(x);
        Assert.Single(layer.Losses); // replaced at each outermost call, not accumulated
        GradientCheck.Check(xs =>
        {
            layer.Apply(xs[0]);
            return layer.Losses[0];
        }, [x], name: name);
    }

    [Fact]
    public void ActivityRegularizationLossesAreCollectedByTheModel()
    {
        var inner = new ActivityRegularization(l1: 0.5f);
        var model = new Sequential([new Dense(2, kernelInitializer: new Runtime.Initializers.Ones()), inner]);
        model.Apply(Tensor.FromArray([1f, -2f], 1, 2));
        Assert.Equal(0.5f * 2f, Assert.Single(model.Losses).Item(), 5);
        Assert.Contains("l1", Assert.Throws<ArgumentOutOfRangeException>(() => new ActivityRegularization(l1: -1f)).Message);
    }

    // ---------------------------------------------------------------- configs

    public static IEnumerable<object[]> ConfiguredLayers => ConfiguredLayer.Keys.Select(k => new object[] { k });

    private static readonly Dictionary<string, Func<Layer>> ConfiguredLayer = new()
    {
        ["gaussian_noise"] = () => new GaussianNoise(0.2f, seed: 3, name: "noise"),
        ["gaussian_dropout"] = () => new GaussianDropout(0.4f, trainable: false),
        ["alpha_dropout"] = () => new AlphaDropout(0.1f, noiseShape: [-1, 1, 3], seed: 8),
        ["spatial_dropout1d"] = () => new SpatialDropout1D(0.2f, seed: 1),
        ["spatial_dropout2d"] = () => new SpatialDropout2D(0.2f, dataFormat: "channels_first"),
        ["spatial_dropout3d"] = () => new SpatialDropout3D(0.3f),
        ["activity_regularization"] = () => new ActivityRegularization(0.01f, 0.02f),
    };

    [Theory]
    [MemberData(nameof(ConfiguredLayers))]
    public void ConfigsRoundTripThroughTheRegistry(string key)
    {
        var layer = ConfiguredLayer[key]();
        var back = KerasConfigAssert.RoundTrips(layer);
        Assert.Equal(layer.Name, back.Name);
    }

    [Fact]
    public void ConfigsHaveKerasKeys()
    {
        Assert.Equal(
            """{"rate":0.2,"seed":1,"name":"sd1","dtype":"float32"}""",
            new SpatialDropout1D(0.2f, seed: 1, name: "sd1").GetConfig().ToJsonString());
        var sd2 = new SpatialDropout2D(0.2f, name: "sd2").GetConfig();
        Assert.Equal(["rate", "seed", "name", "dtype", "data_format"], sd2.Select(kv => kv.Key));
        Assert.Equal("channels_last", (string?)sd2["data_format"]);
        var noise = new GaussianNoise(0.1f).GetConfig();
        Assert.Equal(["name", "trainable", "dtype", "stddev", "seed"], noise.Select(kv => kv.Key));
        Assert.Equal(["name", "trainable", "dtype", "rate", "seed"], new GaussianDropout(0.1f).GetConfig().Select(kv => kv.Key));
        Assert.Equal(["name", "trainable", "dtype", "rate", "seed", "noise_shape"], new AlphaDropout(0.1f).GetConfig().Select(kv => kv.Key));
        var activity = new ActivityRegularization(0.1f).GetConfig();
        Assert.Equal(["name", "trainable", "dtype", "l1", "l2"], activity.Select(kv => kv.Key));
        Assert.Equal("[null,1,3]", new AlphaDropout(0.1f, noiseShape: [-1, 1, 3]).GetConfig()["noise_shape"]!.ToJsonString());

        var keras = (JsonObject)JsonNode.Parse("""{"rate": 0.25, "seed": null, "name": "spatial_dropout2d", "dtype": "float32", "data_format": "channels_first"}""")!;
        var loaded = (SpatialDropout2D)KerasRegistry.Create("keras.layers", "SpatialDropout2D", keras);
        Assert.Equal("channels_first", loaded.DataFormat);
        Assert.True(JsonNode.DeepEquals(keras, loaded.GetConfig()));
        var missing = Assert.Throws<FormatException>(() => KerasRegistry.Create("keras.layers", "GaussianDropout", []));
        Assert.Contains("'rate'", missing.Message);
    }
}
