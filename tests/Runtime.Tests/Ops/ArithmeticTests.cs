using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Ops;

public class ArithmeticTests
{
    private const string File = "arithmetic.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    private static Tensor Apply(ReferenceCase c, Tensor[] x) => c.Op switch
    {
        "add" => Runtime.Ops.Add(x[0], x[1]),
        "subtract" => Runtime.Ops.Subtract(x[0], x[1]),
        "multiply" => Runtime.Ops.Multiply(x[0], x[1]),
        "divide" => Runtime.Ops.Divide(x[0], x[1]),
        "matmul" => Runtime.Ops.MatMul(x[0], x[1]),
        "negative" => Runtime.Ops.Negative(x[0]),
        "sum" => Runtime.Ops.Sum(x[0], c.Has("axes") ? c.Ints("axes") : null, c.Bool("keepdims")),
        _ => throw new InvalidOperationException(c.Op),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        TensorAssert.Close(c.Output, Apply(c, c.Inputs), rtol: 1e-5f, atol: 1e-5f, because: name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var inputs = c.Inputs;
        GradientCheck.Check(x => Apply(c, x), inputs, name: name);
    }

    [Fact]
    public void MismatchedShapesNameTheOpAndShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Runtime.Ops.Add(Tensor.Zeros(2, 3), Tensor.Zeros(4, 3)));
        Assert.Contains("add", e.Message);
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(4, 3)", e.Message);
        var m = Assert.Throws<ArgumentException>(() => Runtime.Ops.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(4, 5)));
        Assert.Contains("matmul", m.Message);
    }

    [Fact]
    public void ScalarOperatorsWork()
    {
        var x = Tensor.FromArray([0f, 127.5f, 255f], 3);
        TensorAssert.Close(Tensor.FromArray([0f, 0.5f, 1f], 3), x / 255f);
        TensorAssert.Close(Tensor.FromArray([1f, -126.5f, -254f], 3), 1f - x);
        TensorAssert.Close(Tensor.FromArray([-0f, -127.5f, -255f], 3), -x);
    }

    [Fact]
    public void IntTensorsAreRejectedByFloatOps()
    {
        var e = Assert.Throws<ArgumentException>(() => Runtime.Ops.Add(Tensor.FromArray([1, 2], 2), Tensor.Zeros(2)));
        Assert.Contains("float32", e.Message);
        Assert.Contains("int32", e.Message);
    }
}
