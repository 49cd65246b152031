using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Initializers;

/// <summary>Names, configs, registry round-trips and argument errors of the initializers.</summary>
public class InitializerCatalogTests
{
    public static TheoryData<string, Type> NamesAndClasses => new()
    {
        { "zeros", typeof(Zeros) }, { "Zeros", typeof(Zeros) }, { "zero", typeof(Zeros) },
        { "ones", typeof(Ones) }, { "Ones", typeof(Ones) }, { "one", typeof(Ones) },
        { "constant", typeof(Constant) }, { "Constant", typeof(Constant) },
        { "random_uniform", typeof(RandomUniform) }, { "RandomUniform", typeof(RandomUniform) }, { "uniform", typeof(RandomUniform) },
        { "random_normal", typeof(RandomNormal) }, { "RandomNormal", typeof(RandomNormal) }, { "normal", typeof(RandomNormal) },
        { "truncated_normal", typeof(TruncatedNormal) }, { "TruncatedNormal", typeof(TruncatedNormal) },
        { "variance_scaling", typeof(VarianceScaling) }, { "VarianceScaling", typeof(VarianceScaling) },
        { "glorot_uniform", typeof(GlorotUniform) }, { "GlorotUniform", typeof(GlorotUniform) },
        { "glorot_normal", typeof(GlorotNormal) }, { "GlorotNormal", typeof(GlorotNormal) },
        { "he_uniform", typeof(HeUniform) }, { "HeUniform", typeof(HeUniform) },
        { "he_normal", typeof(HeNormal) }, { "HeNormal", typeof(HeNormal) },
        { "lecun_uniform", typeof(LecunUniform) }, { "LecunUniform", typeof(LecunUniform) },
        { "lecun_normal", typeof(LecunNormal) }, { "LecunNormal", typeof(LecunNormal) },
        { "orthogonal", typeof(Orthogonal) }, { "Orthogonal", typeof(Orthogonal) },
        { "OrthogonalInitializer", typeof(Orthogonal) }, { "orthogonal_initializer", typeof(Orthogonal) },
        { "identity", typeof(Identity) }, { "Identity", typeof(Identity) },
        { "IdentityInitializer", typeof(Identity) }, { "identity_initializer", typeof(Identity) },
    };

    [Theory]
    [MemberData(nameof(NamesAndClasses))]
    public void GetResolvesEveryKerasName(string name, Type expected)
    {
        Assert.IsType(expected, Initializer.Get(name));
        Assert.IsType(expected, Initializer.Get((object)name));
        Assert.Contains(name, Initializer.Names);
    }

    [Fact]
    public void EveryNameIsTested()
    {
        var tested = NamesAndClasses.Select(row => (string)row[0]).ToHashSet();
        Assert.DoesNotContain(Initializer.Names, n => !tested.Contains(n));
    }

    [Fact]
    public void NamesGiveKerasDefaults()
    {
        var scaling = Assert.IsType<VarianceScaling>(Initializer.Get("variance_scaling"));
        Assert.Equal((1f, "fan_in", "truncated_normal", (int?)null), (scaling.Scale, scaling.Mode, scaling.Distribution, scaling.Seed));
        var glorot = Assert.IsType<GlorotUniform>(Initializer.Get("glorot_uniform"));
        Assert.Equal((1f, "fan_avg", "uniform"), (glorot.Scale, glorot.Mode, glorot.Distribution));
        var he = Assert.IsType<HeNormal>(Initializer.Get("he_normal"));
        Assert.Equal((2f, "fan_in", "truncated_normal"), (he.Scale, he.Mode, he.Distribution));
        var uniform = Assert.IsType<RandomUniform>(Initializer.Get("uniform"));
        Assert.Equal((-0.05f, 0.05f), (uniform.Minval, uniform.Maxval));
        var normal = Assert.IsType<TruncatedNormal>(Initializer.Get("truncated_normal"));
        Assert.Equal((0f, 0.05f), (normal.Mean, normal.Stddev));
        Assert.Equal(0f, Assert.IsType<Constant>(Initializer.Get("constant")).Value);
        Assert.Equal(1f, Assert.IsType<Orthogonal>(Initializer.Get("orthogonal")).Gain);
    }

    [Fact]
    public void UnknownNamesListTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Initializer.Get("glorot"));
        Assert.Contains("Unknown initializer 'glorot'", e.Message);
        Assert.Contains("glorot_uniform", e.Message);
        Assert.Contains("he_normal", e.Message);
        var hint = Assert.Throws<ArgumentException>(() => Initializer.Get("Glorot_Uniform"));
        Assert.Contains("Did you mean 'glorot_uniform'?", hint.Message);
    }

    [Fact]
    public void GetAcceptsObjectsConfigsAndNull()
    {
        var mine = new HeUniform(seed: 3);
        Assert.Same(mine, Initializer.Get((object)mine));
        Assert.Null(Initializer.Get((object?)null));
        var fromEnvelope = Assert.IsType<RandomNormal>(Initializer.Get(Saving.KerasRegistry.Serialize(new RandomNormal(1f, 2f, 7))));
        Assert.Equal((1f, 2f, (int?)7), (fromEnvelope.Mean, fromEnvelope.Stddev, fromEnvelope.Seed));
        var e = Assert.Throws<ArgumentException>(() => Initializer.Get((object)42));
        Assert.Contains("Could not interpret initializer identifier 42", e.Message);
    }

    [Fact]
    public void ConfigsWrittenByKerasLoad()
    {
        var glorot = Initializer.Get(JsonNode.Parse("""{"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null}""")!.AsObject());
        Assert.IsType<GlorotUniform>(glorot);
        var scaling = Assert.IsType<VarianceScaling>(Initializer.Get(JsonNode.Parse("""{"class_name": "VarianceScaling", "config": {"scale": 2, "mode": "fan_out", "distribution": "normal", "seed": 5}}""")!.AsObject()));
        Assert.Equal((2f, "fan_out", "truncated_normal", (int?)5), (scaling.Scale, scaling.Mode, scaling.Distribution, scaling.Seed));
        var legacy = Initializer.Get(JsonNode.Parse("""{"module": "keras.initializers", "class_name": "OrthogonalInitializer", "config": {"gain": 0.5, "seed": null}, "registered_name": null}""")!.AsObject());
        Assert.Equal(0.5f, Assert.IsType<Orthogonal>(legacy).Gain);
        var e = Assert.Throws<FormatException>(() => Initializer.Get(JsonNode.Parse("""{"class_name": "RandomNormal", "config": {"stddev": "wide"}}""")!.AsObject()));
        Assert.Contains("RandomNormal config: 'stddev' must be a number", e.Message);
    }

    [Fact]
    public void ConfigsUseKerasKeys()
    {
        Assert.Equal("""{"seed":3,"mean":0.5,"stddev":2}""", new RandomNormal(0.5f, 2f, 3).GetConfig().ToJsonString());
        Assert.Equal("""{"seed":null,"minval":-1,"maxval":1}""", new RandomUniform(-1, 1).GetConfig().ToJsonString());
        Assert.Equal("""{"seed":null,"mean":0,"stddev":0.05}""", new TruncatedNormal().GetConfig().ToJsonString());
        Assert.Equal("""{"seed":null,"scale":1,"mode":"fan_in","distribution":"truncated_normal"}""", new VarianceScaling(distribution: "normal").GetConfig().ToJsonString());
        Assert.Equal("""{"seed":9}""", new GlorotUniform(9).GetConfig().ToJsonString());
        Assert.Equal("""{"seed":null,"gain":1}""", new Orthogonal().GetConfig().ToJsonString());
        Assert.Equal("""{"gain":2}""", new Identity(2).GetConfig().ToJsonString());
        Assert.Equal("""{"value":1.5}""", new Constant(1.5f).GetConfig().ToJsonString());
        Assert.Equal("{}", new Zeros().GetConfig().ToJsonString());
        Assert.Equal("GlorotUniform(seed=9)", new GlorotUniform(9).ToString());
    }

    public static TheoryData<Initializer> Instances => new()
    {
        new Zeros(), new Ones(), new Constant(0.25f), new RandomUniform(-1f, 2f, 3), new RandomNormal(0.5f, 0.1f, 4),
        new TruncatedNormal(-1f, 3f), new VarianceScaling(0.5f, "fan_avg", "untruncated_normal", 5), new GlorotUniform(6),
        new GlorotNormal(), new HeUniform(7), new HeNormal(), new LecunUniform(8), new LecunNormal(), new Orthogonal(1.5f, 9),
        new Identity(0.5f),
    };

    [Theory]
    [MemberData(nameof(Instances))]
    public void EveryClassRoundTripsThroughTheRegistry(Initializer initializer)
    {
        Assert.Equal("keras.initializers", initializer.Module);
        var back = KerasConfigAssert.RoundTrips(initializer);
        Assert.Equal(initializer.Call([3, 4]).Shape, back.Call([3, 4]).Shape);
    }

    [Fact]
    public void BadArgumentsAreRejectedWithClearErrors()
    {
        Assert.Contains("stddev must be a finite number >= 0; got -1", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomNormal(stddev: -1)).Message);
        Assert.Contains("TruncatedNormal", Assert.Throws<ArgumentOutOfRangeException>(() => new TruncatedNormal(stddev: float.NaN)).Message);
        Assert.Contains("minval must be <= maxval", Assert.Throws<ArgumentException>(() => new RandomUniform(1f, 0f)).Message);
        Assert.Contains("scale must be a finite number > 0", Assert.Throws<ArgumentOutOfRangeException>(() => new VarianceScaling(scale: 0)).Message);
        var mode = Assert.Throws<ArgumentException>(() => new VarianceScaling(mode: "fan_mid"));
        Assert.Contains("invalid mode 'fan_mid'", mode.Message);
        Assert.Contains("'fan_in', 'fan_out', 'fan_avg'", mode.Message);
        var distribution = Assert.Throws<ArgumentException>(() => new VarianceScaling(distribution: "gaussian"));
        Assert.Contains("'truncated_normal', 'untruncated_normal', 'uniform'", distribution.Message);
        Assert.Equal("uniform", new VarianceScaling(distribution: "Uniform").Distribution);
        Assert.Contains("gain must be a finite number", Assert.Throws<ArgumentOutOfRangeException>(() => new Orthogonal(float.PositiveInfinity)).Message);
    }

    [Fact]
    public void CallsRejectUnknownDimensionsAndIntRandoms()
    {
        var unknown = Assert.Throws<ArgumentException>(() => new GlorotUniform().Call([-1, 4]));
        Assert.Contains("GlorotUniform", unknown.Message);
        Assert.Contains("(None, 4)", unknown.Message);
        Assert.Throws<ArgumentException>(() => new Zeros().Call([-1]));
        var dtype = Assert.Throws<ArgumentException>(() => new RandomNormal().Call([2], DType.Int32));
        Assert.Contains("RandomNormal", dtype.Message);
        Assert.Contains("int32", dtype.Message);
    }
}
