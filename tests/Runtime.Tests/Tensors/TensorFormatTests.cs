using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Tensors;

public class TensorFormatTests
{
    private const string File = "tensor_format.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ToStringMatchesNumPyRepr(string name)
    {
        var c = ReferenceCases.Get(File, name);
        Assert.Equal(c.String("text"), c.Inputs[0].ToString());
    }

    [Fact]
    public void MatrixPrintsLikeTheExample()
    {
        var x = Tensor.FromArray(new float[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal("tensor([[1., 2.],\n        [3., 4.]], shape=(2, 2), dtype=float32)", x.ToString());
    }

    [Fact]
    public void ViewsPrintTheirOwnElements()
    {
        var x = Tensor.Arange(0, 12).Reshape(4, 3);
        Assert.Equal("tensor([[6., 7., 8.]], shape=(1, 3), dtype=float32)", x.Batch(2, 1).ToString());
        Assert.Equal("tensor([3, 5], shape=(2,), dtype=int32)", Tensor.FromArray([1, 3, 5, 7], 4)[1..3].ToString());
    }
}
