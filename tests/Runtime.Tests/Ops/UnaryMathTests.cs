using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Ops;

public class UnaryMathTests
{
    private const string File = "unary_math.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    public static IEnumerable<object[]> GradientCases => ReferenceChecks.WithGradient(File);

    public static IEnumerable<object[]> FiniteDifferenceCases => ReferenceChecks.ForFiniteDifferences(File);

    private static Tensor Apply(ReferenceCase c, Tensor x) => c.Op switch
    {
        "exp" => Runtime.Ops.Exp(x),
        "log" => Runtime.Ops.Log(x),
        "sqrt" => Runtime.Ops.Sqrt(x),
        "square" => Runtime.Ops.Square(x),
        "abs" => Runtime.Ops.Abs(x),
        _ => throw new InvalidOperationException(c.Op),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name) => ReferenceChecks.Forward(File, name, Apply);

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void GradientMatchesPyTorch(string name) => ReferenceChecks.Gradient(File, name, Apply);

    [Theory]
    [MemberData(nameof(FiniteDifferenceCases))]
    public void GradientMatchesFiniteDifferences(string name) => ReferenceChecks.FiniteDifferences(File, name, Apply);

    [Fact]
    public void IntTensorsAreRejectedNamingTheOp()
    {
        var e = Assert.Throws<ArgumentException>(() => Runtime.Ops.Sqrt(Tensor.FromArray([4, 9])));
        Assert.Contains("sqrt", e.Message);
        Assert.Contains("int32", e.Message);
    }
}
