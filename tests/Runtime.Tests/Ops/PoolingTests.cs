using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Ops;

public class PoolingTests
{
    private const string File = "pooling.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    private static Tensor Pool(ReferenceCase c, Tensor x) => c.Op switch
    {
        "max_pool" => Runtime.Ops.MaxPool(x, c.Ints("pool_size"), c.Ints("strides"), c.String("padding")),
        "average_pool" => Runtime.Ops.AveragePool(x, c.Ints("pool_size"), c.Ints("strides"), c.String("padding")),
        _ => throw new InvalidOperationException(c.Op),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        TensorAssert.Close(c.Outputs[0], Pool(c, c.Inputs[0]), rtol: 1e-5f, atol: 1e-6f, because: name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InputGradientMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var (x, dy) = (c.Inputs[0], c.Inputs[1]);
        using var tape = new GradientTape();
        tape.Watch(x);
        var dx = tape.Gradient(Runtime.Ops.Sum(Runtime.Ops.Multiply(Pool(c, x), dy)), [x])[0];
        TensorAssert.Close(c.Outputs[1], dx, rtol: 1e-5f, atol: 1e-6f, because: name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        GradientCheck.Check(x => Pool(c, x[0]), c.Inputs[..1], name: name);
    }

    [Fact]
    public void ThreadedBatchesMatchPerItemResults()
    {
        // Large enough to split over threads; each item pooled alone must give the same slice.
        var x = GradientCheck.Random(7, -1, 1, 6, 20, 20, 16);
        var whole = Runtime.Ops.MaxPool(x, [3], [2], "same");
        var mean = Runtime.Ops.AveragePool(x, [3], [2], "same");
        for (var n = 0; n < 6; n++)
        {
            var item = Tensor.FromArray(x.ToArray()[(n * 6400)..((n + 1) * 6400)], 1, 20, 20, 16);
            TensorAssert.Equal(Runtime.Ops.MaxPool(item, [3], [2], "same"),
                Tensor.FromArray(whole.ToArray()[(n * 1600)..((n + 1) * 1600)], 1, 10, 10, 16), $"max item {n}");
            TensorAssert.Close(Runtime.Ops.AveragePool(item, [3], [2], "same"),
                Tensor.FromArray(mean.ToArray()[(n * 1600)..((n + 1) * 1600)], 1, 10, 10, 16), because: $"average item {n}");
        }
    }

    [Fact]
    public void ShapeRuleDefaultsStridesToThePoolSize()
    {
        Assert.Equal(new Shape(-1, 13, 13, 32), OpShapes.Pool(new Shape(-1, 26, 26, 32), [2]));
        Assert.Equal(new Shape(-1, 5, 5, 64), OpShapes.Pool(new Shape(-1, 11, 11, 64), [2]));
        Assert.Equal(new Shape(-1, 6, 6, 64), OpShapes.Pool(new Shape(-1, 11, 11, 64), [2], padding: "same"));
        Assert.Equal(new Shape(2, -1, 4, 3), OpShapes.Pool(new Shape(2, -1, 8, 3), [3, 2], [1, 2], "same"));
    }

    [Fact]
    public void ErrorsNameTheOpAndArgument()
    {
        var size = Assert.Throws<ArgumentException>(() => Runtime.Ops.MaxPool(Tensor.Zeros(1, 4, 4, 1), [2, 2, 2]));
        Assert.Contains("max_pool", size.Message);
        Assert.Contains("poolSize", size.Message);
        var padding = Assert.Throws<ArgumentException>(() => Runtime.Ops.AveragePool(Tensor.Zeros(1, 4, 4, 1), [2], padding: "full"));
        Assert.Contains("average_pool", padding.Message);
        Assert.Contains("full", padding.Message);
        Assert.Contains("rank 3, 4 or 5", Assert.Throws<ArgumentException>(() => Runtime.Ops.MaxPool(Tensor.Zeros(4, 4), [2])).Message);
    }
}
