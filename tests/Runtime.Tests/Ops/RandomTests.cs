using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Ops;

public class RandomTests
{
    private const int N = 200_000;

    [Theory]
    [InlineData(0u, 0u, 0u, 0u, 0u, 0u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void PhiloxMatchesRandom123KnownAnswers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint x0, uint x1, uint x2, uint x3)
    {
        Assert.Equal((x0, x1, x2, x3), Philox.Generate(c0, c1, c2, c3, k0, k1));
    }

    [Fact]
    public void AFixedSeedGivesTheSameNumbersOnEveryRunAndPlatform()
    {
        // Regression values of the documented stream (SplitMix64 key, Philox counters); they must never change.
        var u = Runtime.Ops.RandomUniform(new Shape(4), seed: 42).ToArray();
        Assert.Equal(GoldenUniform, u);
    }

    private static readonly float[] GoldenUniform = [0.632196665f, 0.261820912f, 0.194419861f, 0.541474998f];

    [Fact]
    public void UniformHasTheRightRangeMeanAndVariance()
    {
        var u = Runtime.Ops.RandomUniform(new Shape(N), seed: 1).ToArray();
        Assert.All(u, v => Assert.InRange(v, 0f, 0.99999994f));
        Assert.InRange(u.Average(), 0.5 - 0.004, 0.5 + 0.004);
        Assert.InRange(Variance(u), 1.0 / 12 - 0.002, 1.0 / 12 + 0.002);

        var scaled = Runtime.Ops.RandomUniform(new Shape(500, 400), minval: -3f, maxval: 5f, seed: 2).ToArray();
        Assert.All(scaled, v => Assert.True(v >= -3f && v < 5f, $"{v} is outside [-3, 5)"));
        Assert.InRange(scaled.Average(), 1 - 0.03, 1 + 0.03);
    }

    [Fact]
    public void NormalHasTheRightMomentsAndShape()
    {
        var z = Runtime.Ops.RandomNormal(new Shape(N), seed: 3).ToArray();
        Assert.InRange(z.Average(), -0.015, 0.015);
        Assert.InRange(Math.Sqrt(Variance(z)), 1 - 0.01, 1 + 0.01);
        Assert.InRange(z.Count(v => Math.Abs(v) <= 1) / (double)N, 0.6827 - 0.006, 0.6827 + 0.006);
        Assert.InRange(z.Count(v => Math.Abs(v) <= 2) / (double)N, 0.9545 - 0.004, 0.9545 + 0.004);

        var shifted = Runtime.Ops.RandomNormal(new Shape(N), mean: 3f, stddev: 0.5f, seed: 4).ToArray();
        Assert.InRange(shifted.Average(), 3 - 0.008, 3 + 0.008);
        Assert.InRange(Math.Sqrt(Variance(shifted)), 0.5 - 0.006, 0.5 + 0.006);
    }

    [Fact]
    public void TruncatedNormalStaysWithinTwoStandardDeviations()
    {
        var t = Runtime.Ops.TruncatedNormal(new Shape(N), mean: 1f, stddev: 2f, seed: 5).ToArray();
        Assert.All(t, v => Assert.InRange(v, -3f, 5f));
        Assert.InRange(t.Average(), 1 - 0.02, 1 + 0.02);
        // The standard deviation of a standard normal truncated to [-2, 2] is 0.8796.
        Assert.InRange(Math.Sqrt(Variance(t)), 2 * 0.8796 - 0.015, 2 * 0.8796 + 0.015);
    }

    [Fact]
    public void BernoulliHasTheRightRate()
    {
        var b = Runtime.Ops.RandomBernoulli(new Shape(N), p: 0.3f, seed: 6).ToArray();
        Assert.All(b, v => Assert.True(v == 0f || v == 1f));
        Assert.InRange(b.Average(), 0.3 - 0.005, 0.3 + 0.005);
        Assert.All(Runtime.Ops.RandomBernoulli(new Shape(100), p: 0f, seed: 6).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(Runtime.Ops.RandomBernoulli(new Shape(100), p: 1f, seed: 6).ToArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void SeedsReproduceAndGeneratorsAdvance()
    {
        var shape = new Shape(3, 5);
        TensorAssert.Equal(Runtime.Ops.RandomNormal(shape, seed: 7), Runtime.Ops.RandomNormal(shape, seed: 7));
        Assert.NotEqual(Runtime.Ops.RandomNormal(shape, seed: 7).ToArray(), Runtime.Ops.RandomNormal(shape, seed: 8).ToArray());

        var generator = new SeedGenerator(7);
        var first = Runtime.Ops.RandomUniform(shape, seed: generator);
        var second = Runtime.Ops.RandomUniform(shape, seed: generator);
        Assert.NotEqual(first.ToArray(), second.ToArray());
        var replay = new SeedGenerator(7);
        TensorAssert.Equal(first, Runtime.Ops.RandomUniform(shape, seed: replay));
        TensorAssert.Equal(second, Runtime.Ops.RandomUniform(shape, seed: replay));
        Assert.NotEqual(Runtime.Ops.RandomUniform(shape).ToArray(), Runtime.Ops.RandomUniform(shape).ToArray());
    }

    [Fact]
    public void NumbersDoNotDependOnTheThreadCount()
    {
        var shape = new Shape(100_003);
        var normal = Runtime.Ops.RandomNormal(shape, seed: 9);
        var truncated = Runtime.Ops.TruncatedNormal(shape, seed: 9);
        var threads = CpuParallel.Threads;
        try
        {
            CpuParallel.Threads = 1;
            TensorAssert.Equal(normal, Runtime.Ops.RandomNormal(shape, seed: 9));
            TensorAssert.Equal(truncated, Runtime.Ops.TruncatedNormal(shape, seed: 9));
        }
        finally
        {
            CpuParallel.Threads = threads;
        }
    }

    [Fact]
    public void DropoutZeroesAtTheRateAndScalesTheRest()
    {
        var x = Tensor.Full(new Shape(400, 250), 3f);
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = Runtime.Ops.Dropout(x, 0.25f, seed: 10);
        var values = y.ToArray();
        Assert.All(values, v => Assert.True(v == 0f || v == 4f, $"{v} is neither 0 nor 3 / 0.75"));
        Assert.InRange(values.Count(v => v == 0f) / (double)values.Length, 0.25 - 0.006, 0.25 + 0.006);
        var g = tape.Gradient(y, x)[0].ToArray();
        for (var i = 0; i < values.Length; i++) Assert.Equal(values[i] / 3f, g[i], 1e-6f);
    }

    [Fact]
    public void DropoutNoiseShapeSharesTheMaskAlongSizeOneAxes()
    {
        var x = Tensor.Ones(8, 6, 5);
        var y = Runtime.Ops.Dropout(x, 0.5f, noiseShape: new Shape(-1, 1, 5), seed: 11).ToArray();
        for (var b = 0; b < 8; b++)
            for (var t = 1; t < 6; t++)
                for (var c = 0; c < 5; c++)
                    Assert.Equal(y[(b * 6) * 5 + c], y[(b * 6 + t) * 5 + c]);
        Assert.Contains(0f, y);
        Assert.Contains(2f, y);
        var e = Assert.Throws<ArgumentException>(() => Runtime.Ops.Dropout(x, 0.5f, noiseShape: new Shape(8, 3, 5)));
        Assert.Contains("noiseShape", e.Message);
        Assert.Throws<ArgumentException>(() => Runtime.Ops.Dropout(x, 1f));
    }

    [Fact]
    public void ShuffleReordersWholeSlices()
    {
        var x = Tensor.Arange(0, 60).Reshape(20, 3);
        var y = Runtime.Ops.Shuffle(x, seed: 12).ToArray();
        var firsts = Enumerable.Range(0, 20).Select(r => y[r * 3]).ToArray();
        Assert.Equal(Enumerable.Range(0, 20).Select(r => r * 3f), firsts.Order());
        Assert.NotEqual(Enumerable.Range(0, 20).Select(r => r * 3f), firsts);
        for (var r = 0; r < 20; r++) Assert.Equal([y[r * 3], y[r * 3] + 1, y[r * 3] + 2], y[(r * 3)..(r * 3 + 3)]);
        TensorAssert.Equal(Runtime.Ops.Shuffle(x, seed: 12), Runtime.Ops.Shuffle(x, seed: 12));

        var labels = Tensor.FromArray([0, 1, 2, 3, 4, 5], 2, 3);
        var columns = Runtime.Ops.Shuffle(labels, axis: 1, seed: 13).ToIntArray();
        Assert.Equal(DType.Int32, Runtime.Ops.Shuffle(labels, axis: 1, seed: 13).DType);
        for (var c = 0; c < 3; c++) Assert.Equal(columns[c] + 3, columns[3 + c]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Ops.Shuffle(labels, axis: 2));
    }

    [Fact]
    public void PermutationsAreUniform()
    {
        var generator = new SeedGenerator(14);
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < 6000; i++)
        {
            var key = string.Join(",", Runtime.Ops.RandomPermutation(3, generator).ToIntArray());
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(6, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 1000 - 150, 1000 + 150));
        Assert.Equal(Enumerable.Range(0, 1000), Runtime.Ops.RandomPermutation(1000, seed: 15).ToIntArray().Order());
    }

    [Fact]
    public void BadArgumentsAreClearErrors()
    {
        var unknown = Assert.Throws<ArgumentException>(() => Runtime.Ops.RandomNormal(new Shape(-1, 3)));
        Assert.Contains("(None, 3)", unknown.Message);
        Assert.Throws<ArgumentException>(() => Runtime.Ops.RandomNormal(new Shape(3), stddev: -1f));
        Assert.Throws<ArgumentException>(() => Runtime.Ops.RandomUniform(new Shape(3), minval: 2f, maxval: 1f));
        Assert.Throws<ArgumentException>(() => Runtime.Ops.RandomBernoulli(new Shape(3), p: 1.5f));
    }

    private static double Variance(float[] values)
    {
        var mean = values.Average();
        return values.Average(v => (v - mean) * (v - mean));
    }
}

/// <summary>Tests that reseed the process-wide generator must not interleave with other tests' unseeded draws.</summary>
[CollectionDefinition(nameof(GlobalRandomState), DisableParallelization = true)]
public sealed class GlobalRandomState;

[Collection(nameof(GlobalRandomState))]
public class GlobalSeedTests
{
    [Fact]
    public void SetGlobalSeedMakesUnseededDrawsReproducible()
    {
        SeedGenerator.SetGlobalSeed(99);
        var a = Runtime.Ops.RandomUniform(new Shape(5));
        var generatorA = new SeedGenerator();
        SeedGenerator.SetGlobalSeed(99);
        var b = Runtime.Ops.RandomUniform(new Shape(5));
        var generatorB = new SeedGenerator();
        TensorAssert.Equal(a, b);
        Assert.Equal(generatorA.Seed, generatorB.Seed);
    }
}
