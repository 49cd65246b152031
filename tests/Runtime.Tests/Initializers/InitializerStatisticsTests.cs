using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Tests.Initializers;

/// <summary>
/// Moments and ranges of every initializer over 60,000 draws. The bounds are at least six standard errors wide (the standard
/// error of a mean is std / 245, of a std about std / 346), so they hold for any seed; fixed seeds keep the runs identical.
/// </summary>
public class InitializerStatisticsTests
{
    private static readonly Shape Large = [200, 300];

    private static (double Mean, double Std, float Min, float Max) Moments(Tensor t)
    {
        var values = t.ToArray();
        var mean = values.Average(v => (double)v);
        var std = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        return (mean, std, values.Min(), values.Max());
    }

    private static void AssertMoments(Tensor t, double mean, double std, string because)
    {
        var m = Moments(t);
        Assert.True(Math.Abs(m.Mean - mean) <= 6 * std / Math.Sqrt(t.Size), $"{because}: mean {m.Mean}, expected {mean}");
        Assert.True(Math.Abs(m.Std - std) <= 0.03 * std, $"{because}: std {m.Std}, expected {std}");
    }

    [Fact]
    public void ConstantInitializersFillTheShape()
    {
        Assert.All(new Zeros().Call([3, 4]).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(new Ones().Call([2, 2, 2]).ToArray(), v => Assert.Equal(1f, v));
        Assert.All(new Constant(-2.5f).Call([5]).ToArray(), v => Assert.Equal(-2.5f, v));
        Assert.Equal(Shape.Scalar, new Ones().Call(Shape.Scalar).Shape);
        Assert.Equal(0, new Zeros().Call([0, 3]).Size);
    }

    [Fact]
    public void ConstantInitializersMakeInt32Tensors()
    {
        var ones = new Ones().Call([2, 3], DType.Int32);
        Assert.Equal(DType.Int32, ones.DType);
        Assert.All(ones.AsIntSpan().ToArray(), v => Assert.Equal(1, v));
        Assert.All(new Constant(2.9f).Call([4], DType.Int32).AsIntSpan().ToArray(), v => Assert.Equal(2, v));
        Assert.Equal(DType.Int32, new Zeros().Call([4], DType.Int32).DType);
    }

    [Fact]
    public void RandomUniformStaysInItsRangeWithUniformMoments()
    {
        var t = new RandomUniform(-0.3f, 0.7f, seed: 1).Call(Large);
        var m = Moments(t);
        Assert.True(m.Min >= -0.3f && m.Max < 0.7f, $"range [{m.Min}, {m.Max}]");
        AssertMoments(t, 0.2, 1 / Math.Sqrt(12), "random_uniform");
        var d = new RandomUniform().Call(Large);
        Assert.True(Moments(d).Min >= -0.05f && Moments(d).Max < 0.05f, "defaults are [-0.05, 0.05)");
    }

    [Fact]
    public void RandomNormalHasItsMeanAndStddev()
    {
        AssertMoments(new RandomNormal(0.5f, 2f, seed: 2).Call(Large), 0.5, 2, "random_normal");
        AssertMoments(new RandomNormal(seed: 3).Call(Large), 0, 0.05, "random_normal defaults");
    }

    [Fact]
    public void TruncatedNormalStaysWithinTwoStddevs()
    {
        var t = new TruncatedNormal(0.5f, 2f, seed: 4).Call(Large);
        var m = Moments(t);
        Assert.True(m.Min >= 0.5f - 4f && m.Max <= 0.5f + 4f, $"range [{m.Min}, {m.Max}]");
        // A standard normal truncated to [-2, 2] has std 0.8796...; both tails are used.
        AssertMoments(t, 0.5, 2 * 0.87962566103423978, "truncated_normal");
        Assert.True(m.Min < 0.5f - 3.9f && m.Max > 0.5f + 3.9f, $"range [{m.Min}, {m.Max}] should reach near both bounds");
    }

    // shape (200, 300): fan_in 200, fan_out 300, fan_avg 250.
    public static TheoryData<string, double, bool> VarianceScalingCases => new()
    {
        { "glorot_uniform", 1.0 / 250, true },
        { "glorot_normal", 1.0 / 250, false },
        { "he_uniform", 2.0 / 200, true },
        { "he_normal", 2.0 / 200, false },
        { "lecun_uniform", 1.0 / 200, true },
        { "lecun_normal", 1.0 / 200, false },
    };

    [Theory]
    [MemberData(nameof(VarianceScalingCases))]
    public void NamedVarianceScalingHasKerasVarianceAndBounds(string name, double variance, bool uniform)
    {
        var t = Initializer.Get(name).Call(Large);
        var std = Math.Sqrt(variance);
        AssertMoments(t, 0, std, name);
        var m = Moments(t);
        // Uniform values lie in [-sqrt(3 var), sqrt(3 var)); truncated normals within 2 stddevs of the untruncated normal,
        // whose stddev is the target divided by 0.8796.
        var bound = uniform ? Math.Sqrt(3 * variance) : 2 * std / 0.87962566103423978;
        Assert.True(m.Min >= -bound - 1e-7 && m.Max <= bound + 1e-7, $"{name}: range [{m.Min}, {m.Max}] exceeds ±{bound}");
        Assert.True(m.Max > 0.97 * bound && m.Min < -0.97 * bound, $"{name}: range [{m.Min}, {m.Max}] does not reach ±{bound}");
    }

    [Theory]
    [InlineData("fan_in", "uniform", 200.0)]
    [InlineData("fan_out", "truncated_normal", 300.0)]
    [InlineData("fan_avg", "untruncated_normal", 250.0)]
    public void VarianceScalingModesAndDistributions(string mode, string distribution, double fan)
    {
        var t = new VarianceScaling(3f, mode, distribution, seed: 5).Call(Large);
        AssertMoments(t, 0, Math.Sqrt(3 / fan), $"{mode}/{distribution}");
        if (distribution == "untruncated_normal")
            Assert.True(Math.Abs(Moments(t).Max) > 2.5 * Math.Sqrt(3 / fan), "an untruncated normal has tails beyond 2 stddevs");
    }

    [Fact]
    public void ConvolutionKernelsUseTheReceptiveField()
    {
        // (5, 5, 40, 60): fan_in 5*5*40 = 1000.
        AssertMoments(new HeNormal(seed: 6).Call([5, 5, 40, 60]), 0, Math.Sqrt(2.0 / 1000), "he_normal conv kernel");
    }

    [Theory]
    [InlineData(new int[0], 1, 1)]
    [InlineData(new[] { 5 }, 5, 5)]
    [InlineData(new[] { 3, 4 }, 3, 4)]
    [InlineData(new[] { 2, 3, 4 }, 6, 8)]
    [InlineData(new[] { 3, 3, 16, 32 }, 144, 288)]
    [InlineData(new[] { 2, 3, 3, 16, 32 }, 288, 576)]
    public void FansFollowKerasComputeFans(int[] dims, long fanIn, long fanOut)
    {
        Assert.Equal((fanIn, fanOut), VarianceScaling.ComputeFans(new Shape(dims)));
    }

    [Fact]
    public void EmptyShapesAndUnitFansFollowKeras()
    {
        // Keras divides by max(1, fan): an empty (0, 4) kernel must not divide by zero; a fan of 1 gives limit sqrt(3).
        Assert.Equal(0, new GlorotUniform(seed: 1).Call([0, 4]).Size);
        var t = new VarianceScaling(1f, "fan_in", "uniform", seed: 1).Call([1, 2000]);
        Assert.True(Moments(t).Max > 1.6 && Moments(t).Max < Math.Sqrt(3), "limit sqrt(3 / max(1, 1))");
    }

    public static TheoryData<string> RandomNames => new()
    {
        "random_uniform", "random_normal", "truncated_normal", "variance_scaling", "glorot_uniform", "glorot_normal",
        "he_uniform", "he_normal", "lecun_uniform", "lecun_normal", "orthogonal",
    };

    [Theory]
    [MemberData(nameof(RandomNames))]
    public void AnIntegerSeedGivesTheSameValuesAtEveryCall(string name)
    {
        var config = new JsonObject { ["seed"] = 42 };
        var className = Initializer.Get(name).ClassName;
        var seeded = (Initializer)KerasRegistry.Create("keras.initializers", className, config);
        var first = seeded.Call([6, 5]).ToArray();
        Assert.Equal(first, seeded.Call([6, 5]).ToArray());
        config["seed"] = 43;
        var other = (Initializer)KerasRegistry.Create("keras.initializers", className, config);
        Assert.NotEqual(first, other.Call([6, 5]).ToArray());
    }

    [Theory]
    [MemberData(nameof(RandomNames))]
    public void WithoutASeedEveryCallDrawsFreshValues(string name)
    {
        var initializer = Initializer.Get(name);
        Assert.NotEqual(initializer.Call([6, 5]).ToArray(), initializer.Call([6, 5]).ToArray());
    }
}
