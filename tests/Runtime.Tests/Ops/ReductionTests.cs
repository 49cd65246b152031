using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Ops;

public class ReductionTests
{
    private const string File = "reductions.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    public static IEnumerable<object[]> GradientCases =>
        Cases.Where(row => ReferenceCases.Get(File, (string)row[0]) is var c && c.Has("grad") && c.Bool("grad"));

    private static Tensor Apply(ReferenceCase c, Tensor x)
    {
        var axes = c.Has("axes") ? c.Ints("axes") : null;
        var keep = c.Bool("keepdims");
        return c.Op switch
        {
            "mean" => Runtime.Ops.Mean(x, axes, keep),
            "max" => Runtime.Ops.Max(x, axes, keep),
            "min" => Runtime.Ops.Min(x, axes, keep),
            "prod" => Runtime.Ops.Prod(x, axes, keep),
            "var" => Runtime.Ops.Var(x, axes, keep),
            "std" => Runtime.Ops.Std(x, axes, keep),
            "argmax" => Runtime.Ops.ArgMax(x, c.Has("axis") ? c.Int("axis") : null, keep),
            "argmin" => Runtime.Ops.ArgMin(x, c.Has("axis") ? c.Int("axis") : null, keep),
            _ => throw new InvalidOperationException(c.Op),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        TensorAssert.Close(c.Output, Apply(c, c.Inputs[0]), rtol: 1e-5f, atol: 1e-6f, because: name);
    }

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        GradientCheck.Check(x => Apply(c, x[0]), c.Inputs, name: name);
    }

    [Fact]
    public void MaxAndMinShareTheGradientAmongTies()
    {
        var x = Tensor.FromArray([1f, 3f, 3f, 2f, 0f, 0f, 5f, 0f], 2, 4);
        using var tape = new GradientTape(persistent: true);
        tape.Watch(x);
        var max = Runtime.Ops.Max(x, 1);
        var min = Runtime.Ops.Min(x, 1);
        TensorAssert.Equal(Tensor.FromArray([0f, 0.5f, 0.5f, 0f, 0f, 0f, 1f, 0f], 2, 4), tape.Gradient(max, x)[0]);
        var third = 1f / 3f;
        TensorAssert.Close(Tensor.FromArray([1f, 0f, 0f, 0f, third, third, 0f, third], 2, 4), tape.Gradient(min, x)[0]);
    }

    [Fact]
    public void StdGradientIsZeroWhereTheDeviationIsZero()
    {
        var x = Tensor.FromArray([2f, 2f, 2f, 1f, 2f, 3f], 2, 3);
        using var tape = new GradientTape();
        tape.Watch(x);
        var g = tape.Gradient(Runtime.Ops.Std(x, 1), x)[0].ToArray();
        Assert.Equal([0f, 0f, 0f], g[..3]);
        Assert.All(g, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void ArgMaxOnATapeIsNotRecordedAndDoesNotBreakIt()
    {
        var x = Tensor.FromArray([0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f], 2, 3);
        var labels = Tensor.FromArray([1, 2], 2);
        using var tape = new GradientTape();
        tape.Watch(x);
        var predicted = Runtime.Ops.ArgMax(x, -1);
        var accuracy = Runtime.Ops.Mean(Runtime.Ops.Equal(predicted, labels));
        var loss = Runtime.Ops.Sum(Runtime.Ops.Multiply(x, x));
        Assert.Equal(DType.Int32, predicted.DType);
        Assert.Equal(0.5f, accuracy.Item());
        Assert.Equal(2, tape.RecordedCount); // multiply and sum; argmax, equal and the mean of a mask are not recorded
        TensorAssert.Close(Runtime.Ops.Multiply(x, Tensor.Scalar(2f)), tape.Gradient(loss, x)[0]);
    }

    [Fact]
    public void BadAxesAreClearErrors()
    {
        var x = Tensor.Zeros(2, 3);
        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Ops.Mean(x, 2));
        Assert.Contains("mean", outOfRange.Message);
        Assert.Contains("rank 2", outOfRange.Message);
        var duplicate = Assert.Throws<ArgumentException>(() => Runtime.Ops.Max(x, [1, -1]));
        Assert.Contains("max", duplicate.Message);
        Assert.Contains("more than once", duplicate.Message);
        var arg = Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Ops.ArgMax(x, -3));
        Assert.Contains("argmax", arg.Message);
        var empty = Assert.Throws<ArgumentException>(() => Runtime.Ops.Min(Tensor.Zeros(0, 3), 0));
        Assert.Contains("min", empty.Message);
        Assert.Contains("(0, 3)", empty.Message);
        Assert.Throws<ArgumentException>(() => Runtime.Ops.ArgMin(Tensor.Zeros(3, 0), 1));
        var ints = Assert.Throws<ArgumentException>(() => Runtime.Ops.Mean(Tensor.FromArray([1, 2], 2)));
        Assert.Contains("int32", ints.Message);
    }

    // Shapes large enough for the parallel paths: many outputs, a few long reductions split in chunks, and column blocks.
    public static TheoryData<int[], int[]> LargeLayouts => new()
    {
        { [64, 1500], [1] },
        { [3, 70_000], [1] },
        { [70_000, 3], [0] },
        { [2, 30, 2500], [1] },
        { [4, 300, 50], [0, 2] },
    };

    [Theory]
    [MemberData(nameof(LargeLayouts))]
    public void LargeReductionsMatchAPlainDoubleLoopForAnyThreadCount(int[] shape, int[] axes)
    {
        var x = GradientCheck.Random(7, -1f, 1f, shape);
        var reference = NaiveReductions(x, axes);
        var mean = Runtime.Ops.Mean(x, axes);
        TensorAssert.Close(reference.Mean, mean, rtol: 1e-4f, atol: 1e-5f, because: "mean");
        TensorAssert.Equal(reference.Max, Runtime.Ops.Max(x, axes), because: "max");
        TensorAssert.Equal(reference.Min, Runtime.Ops.Min(x, axes), because: "min");
        TensorAssert.Close(reference.Var, Runtime.Ops.Var(x, axes), rtol: 1e-4f, atol: 1e-6f, because: "var");
        if (axes.Length == 1) Assert.Equal(reference.ArgMax, Runtime.Ops.ArgMax(x, axes[0]).ToIntArray());

        var threads = CpuParallel.Threads;
        try
        {
            CpuParallel.Threads = 1;
            TensorAssert.Equal(mean, Runtime.Ops.Mean(x, axes), because: "single-threaded mean");
        }
        finally
        {
            CpuParallel.Threads = threads;
        }
    }

    private static (Tensor Mean, Tensor Max, Tensor Min, Tensor Var, int[] ArgMax) NaiveReductions(Tensor x, int[] axes)
    {
        var dims = x.Shape.ToArray();
        var outDims = dims.Where((_, i) => !axes.Contains(i)).ToArray();
        var outSize = outDims.Aggregate(1, (a, b) => a * b);
        var groups = Enumerable.Range(0, outSize).Select(_ => new List<(double Value, int Index)>()).ToArray();
        var values = x.ToArray();
        var index = new int[dims.Length];
        for (var flat = 0; flat < values.Length; flat++)
        {
            var rem = flat;
            for (var d = dims.Length - 1; d >= 0; d--) { index[d] = rem % dims[d]; rem /= dims[d]; }
            int o = 0, r = 0;
            for (var d = 0; d < dims.Length; d++)
            {
                if (axes.Contains(d)) r = r * dims[d] + index[d];
                else o = o * dims[d] + index[d];
            }
            groups[o].Add((values[flat], r));
        }
        Tensor Make(Func<List<(double Value, int Index)>, double> f) =>
            Tensor.FromArray(groups.Select(g => (float)f(g)).ToArray(), outDims).Reshape(outDims);
        return (
            Make(g => g.Average(v => v.Value)),
            Make(g => g.Max(v => v.Value)),
            Make(g => g.Min(v => v.Value)),
            Make(g => { var m = g.Average(v => v.Value); return g.Average(v => (v.Value - m) * (v.Value - m)); }),
            groups.Select(g => { var max = g.Max(v => v.Value); return g.First(v => v.Value == max).Index; }).ToArray());
    }
}
