using NotebookKeras.Runtime.Tensors;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

public class KerasTests
{
    [Fact]
    public void FactoriesBuildTensorsAsKerasOpsDo()
    {
        Assert.Equal(new Shape(2, 3), Zeros(2, 3).Shape);
        Assert.All(Ones(4).ToArray(), v => Assert.Equal(1f, v));
        Assert.All(Full([2, 2], 7f).ToArray(), v => Assert.Equal(7f, v));
        Assert.Equal([0f, 0.5f, 1f, 1.5f], Arange(0, 2, 0.5f).ToArray());
        var labels = ConvertToTensor([3, 1], 2);
        Assert.Equal(DType.Int32, labels.DType);
        var x = ConvertToTensor([1f, 2f, 3f, 4f], 2, 2);
        Assert.Equal(4f, x[1, 1]);
    }

    [Fact]
    public void TensorsComposeWithOperators()
    {
        var x = ConvertToTensor([0f, 51f, 255f]) / 255f;
        Assert.Equal([0f, 0.2f, 1f], x.ToArray());
        Assert.StartsWith("Tensor shape=(3,) dtype=float32", Describe(x));
    }

    [Fact]
    public void ShapeMismatchIsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => ConvertToTensor([1f, 2f, 3f], 2, 2));
        Assert.Contains("3 values", e.Message);
        Assert.Contains("(2, 2)", e.Message);
    }
}
