using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Ops;

public class BinaryMathTests
{
    private const string File = "binary_math.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    public static IEnumerable<object[]> GradientCases =>
        Cases.Where(row => ReferenceCases.Get(File, (string)row[0]) is var c && c.Has("grad") && c.Bool("grad"));

    private static Tensor Apply(ReferenceCase c, Tensor[] x) => c.Op switch
    {
        "power" => Runtime.Ops.Power(x[0], x[1]),
        "power_scalar" => Runtime.Ops.Power(x[0], c.Float("exponent")),
        "maximum" => Runtime.Ops.Maximum(x[0], x[1]),
        "minimum" => Runtime.Ops.Minimum(x[0], x[1]),
        "maximum_scalar" => Runtime.Ops.Maximum(x[0], c.Float("value")),
        "minimum_scalar" => Runtime.Ops.Minimum(x[0], c.Float("value")),
        "clip" => Runtime.Ops.Clip(x[0], c.Float("min"), c.Float("max")),
        "where" => Runtime.Ops.Where(x[0], x[1], x[2]),
        "greater" => Runtime.Ops.Greater(x[0], x[1]),
        "greater_equal" => Runtime.Ops.GreaterEqual(x[0], x[1]),
        "less" => Runtime.Ops.Less(x[0], x[1]),
        "less_equal" => Runtime.Ops.LessEqual(x[0], x[1]),
        "equal" => Runtime.Ops.Equal(x[0], x[1]),
        "not_equal" => Runtime.Ops.NotEqual(x[0], x[1]),
        "greater_scalar" => Runtime.Ops.Greater(x[0], c.Float("value")),
        "greater_equal_scalar" => Runtime.Ops.GreaterEqual(x[0], c.Float("value")),
        "less_scalar" => Runtime.Ops.Less(x[0], c.Float("value")),
        "less_equal_scalar" => Runtime.Ops.LessEqual(x[0], c.Float("value")),
        "equal_scalar" => Runtime.Ops.Equal(x[0], c.Float("value")),
        "not_equal_scalar" => Runtime.Ops.NotEqual(x[0], c.Float("value")),
        _ => throw new InvalidOperationException(c.Op),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        TensorAssert.Close(c.Output, Apply(c, c.Inputs), rtol: 1e-5f, atol: 1e-6f, because: name);
    }

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        // A float condition of where is a selector, not a differentiable input.
        GradientCheck.Check(x => Apply(c, x), c.Inputs, only: c.Op == "where" ? [1, 2] : null, name: name);
    }

    [Fact]
    public void MaximumAndMinimumGiveTiesToTheFirstOperandAsTensorFlow()
    {
        var x = Tensor.FromArray([1f, 2f, 3f], 3);
        var y = Tensor.FromArray([1f, 5f, 0f], 3);
        using var tape = new GradientTape(persistent: true);
        tape.Watch(x, y);
        var max = tape.Gradient(Runtime.Ops.Maximum(x, y), x, y);
        TensorAssert.Equal(Tensor.FromArray([1f, 0f, 1f], 3), max[0]);
        TensorAssert.Equal(Tensor.FromArray([0f, 1f, 0f], 3), max[1]);
        var min = tape.Gradient(Runtime.Ops.Minimum(x, y), x, y);
        TensorAssert.Equal(Tensor.FromArray([1f, 1f, 0f], 3), min[0]);
        TensorAssert.Equal(Tensor.FromArray([0f, 0f, 1f], 3), min[1]);
    }

    [Fact]
    public void ClipPassesTheGradientAtTheBoundsInclusive()
    {
        var x = Tensor.FromArray([-2f, -0.5f, 0.25f, 1f, 3f], 5);
        using var tape = new GradientTape();
        tape.Watch(x);
        var g = tape.Gradient(Runtime.Ops.Clip(x, -0.5f, 1f), x)[0];
        TensorAssert.Equal(Tensor.FromArray([0f, 1f, 1f, 1f, 0f], 5), g);
    }

    [Fact]
    public void PowerGradientsAtZeroAreFinite()
    {
        var x = Tensor.FromArray([0f, 0f, -2f, 4f], 4);
        var y = Tensor.FromArray([0f, 2f, 3f, 0.5f], 4);
        using var tape = new GradientTape();
        tape.Watch(x, y);
        var g = tape.Gradient(Runtime.Ops.Power(x, y), x, y);
        // d/dx: 0 (x^0), 2*0 = 0, 3*(-2)^2 = 12, 0.5/sqrt(4) = 0.25; d/dy: x^y ln x, taken as 0 where x <= 0.
        TensorAssert.Close(Tensor.FromArray([0f, 0f, 12f, 0.25f], 4), g[0]);
        TensorAssert.Close(Tensor.FromArray([0f, 0f, 0f, 2f * MathF.Log(4f)], 4), g[1]);
    }

    [Fact]
    public void ComparisonsAndConditionsAreNotRecorded()
    {
        var x = Tensor.FromArray([-1f, 2f, 0.5f], 3);
        using var tape = new GradientTape();
        tape.Watch(x);
        var mask = Runtime.Ops.Greater(x, 0f);
        Assert.Equal(0, tape.RecordedCount);
        var y = Runtime.Ops.Where(mask, x, 0f);
        Assert.Equal(1, tape.RecordedCount);
        TensorAssert.Equal(Tensor.FromArray([0f, 1f, 1f], 3), tape.Gradient(y, x)[0]);
    }

    [Fact]
    public void WhereWithIncompatibleShapesNamesTheOpAndEveryShape()
    {
        var e = Assert.Throws<ArgumentException>(() => Runtime.Ops.Where(Tensor.Zeros(2, 3), Tensor.Zeros(4, 3), Tensor.Zeros(3)));
        Assert.Contains("where", e.Message);
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(4, 3)", e.Message);
        Assert.Contains("(3,)", e.Message);
        var ints = Assert.Throws<ArgumentException>(() => Runtime.Ops.Where(Tensor.Ones(2), Tensor.FromArray([1, 2], 2), Tensor.Zeros(2)));
        Assert.Contains("'x'", ints.Message);
        var pow = Assert.Throws<ArgumentException>(() => Runtime.Ops.Power(Tensor.Zeros(2, 3), Tensor.Zeros(2)));
        Assert.Contains("power", pow.Message);
    }

    [Fact]
    public void LargeInputsTakeTheParallelPaths()
    {
        var n = 300_000;
        var x = GradientCheck.Random(3, -1f, 1f, n);
        var condition = Runtime.Ops.Greater(x, 0f);
        var selected = Runtime.Ops.Where(condition, x, Runtime.Ops.Negative(x)).ToArray();
        var values = x.ToArray();
        for (var i = 0; i < n; i++) Assert.Equal(MathF.Abs(values[i]), selected[i]);
        Assert.Equal(values.Count(v => v > 0), (int)Runtime.Ops.Sum(condition).Item());
    }
}
