using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Ops;

public class SoftmaxTests
{
    private const string File = "softmax.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    public static IEnumerable<object[]> GradientCases => ReferenceChecks.WithGradient(File);

    public static IEnumerable<object[]> FiniteDifferenceCases => ReferenceChecks.ForFiniteDifferences(File);

    private static Tensor Apply(ReferenceCase c, Tensor x) => c.Op switch
    {
        "softmax" => Runtime.Ops.Softmax(x, c.Int("axis")),
        "log_softmax" => Runtime.Ops.LogSoftmax(x, c.Int("axis")),
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

    /// <summary>
    /// Shapes that take the parallel paths: many contiguous rows, and a strided axis wider than one column block (with a partial
    /// block), checked against a direct double-precision computation.
    /// </summary>
    [Theory]
    [InlineData(new[] { 2000, 37 }, -1, false)]
    [InlineData(new[] { 2000, 37 }, -1, true)]
    [InlineData(new[] { 3, 50, 700 }, 1, false)]
    [InlineData(new[] { 3, 50, 700 }, 1, true)]
    [InlineData(new[] { 40, 1100 }, 0, true)]
    public void LargeInputsMatchADirectComputation(int[] shape, int axis, bool log)
    {
        var x = GradientCheck.Random(11, -8f, 8f, shape);
        var upstream = GradientCheck.Random(12, -1f, 1f, shape);
        Tensor y, dx;
        using (var tape = new GradientTape())
        {
            tape.Watch(x);
            y = log ? Runtime.Ops.LogSoftmax(x, axis) : Runtime.Ops.Softmax(x, axis);
            dx = tape.Gradient(y, [x], upstream)[0];
        }
        var (expectedY, expectedDx) = Direct(x, upstream, axis, log);
        TensorAssert.Close(expectedY, y, rtol: 1e-5f, atol: 1e-6f, because: "forward");
        TensorAssert.Close(expectedDx, dx, rtol: 1e-4f, atol: 1e-6f, because: "backward");
    }

    [Fact]
    public void RowsSumToOneAndLogSoftmaxIsItsLog()
    {
        var x = GradientCheck.Random(13, -50f, 50f, 4, 3, 5);
        var s = Runtime.Ops.Softmax(x, 1);
        TensorAssert.Close(Tensor.Ones(4, 5), Runtime.Ops.Sum(s, 1), rtol: 1e-6f);
        TensorAssert.Close(Runtime.Ops.Log(s), Runtime.Ops.LogSoftmax(x, 1), rtol: 1e-5f, atol: 1e-5f);
    }

    [Fact]
    public void ErrorsNameTheOpAndTheAxis()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Ops.Softmax(Tensor.Zeros(2, 3), axis: 2));
        Assert.Contains("softmax", e.Message);
        Assert.Contains("Axis 2", e.Message);
        var l = Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Ops.LogSoftmax(Tensor.Zeros(2, 3), axis: -3));
        Assert.Contains("log_softmax", l.Message);
        var s = Assert.Throws<ArgumentException>(() => Runtime.Ops.Softmax(Tensor.Scalar(1f)));
        Assert.Contains("rank 0", s.Message);
        Assert.Equal(new Shape(-1, 10), OpShapes.Softmax(new Shape(-1, 10), -1));
    }

    /// <summary>Softmax or log-softmax and its gradient for the upstream gradient, in double precision, one axis slice at a time.</summary>
    private static (Tensor Y, Tensor Dx) Direct(Tensor x, Tensor upstream, int axis, bool log)
    {
        var a = x.Shape.NormalizeAxis(axis);
        int outer = x.Shape.Product(0, a), n = x.Shape[a], inner = x.Shape.Product(a + 1, x.Rank);
        var (xs, gs) = (x.ToArray(), upstream.ToArray());
        var (ys, dxs) = (new float[xs.Length], new float[xs.Length]);
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                int At(int r) => (o * n + r) * inner + i;
                var max = Enumerable.Range(0, n).Max(r => (double)xs[At(r)]);
                var sum = Enumerable.Range(0, n).Sum(r => Math.Exp(xs[At(r)] - max));
                var p = Enumerable.Range(0, n).Select(r => Math.Exp(xs[At(r)] - max) / sum).ToArray();
                var gSum = Enumerable.Range(0, n).Sum(r => (double)gs[At(r)]);
                var gDotP = Enumerable.Range(0, n).Sum(r => gs[At(r)] * p[r]);
                for (var r = 0; r < n; r++)
                {
                    ys[At(r)] = (float)(log ? xs[At(r)] - max - Math.Log(sum) : p[r]);
                    dxs[At(r)] = (float)(log ? gs[At(r)] - p[r] * gSum : p[r] * (gs[At(r)] - gDotP));
                }
            }
        }
        return (Tensor.FromArray(ys, x.Shape.ToArray()), Tensor.FromArray(dxs, x.Shape.ToArray()));
    }
}
