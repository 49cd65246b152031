using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Ops;

public class ConvolutionTests
{
    private const string File = "convolution.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    private static Tensor Conv(ReferenceCase c, Tensor x, Tensor kernel) =>
        Runtime.Ops.Conv(x, kernel, c.Ints("strides"), c.String("padding"), c.Ints("dilation_rate"));

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var x = c.Inputs;
        TensorAssert.Close(c.Outputs[0], Conv(c, x[0], x[1]), rtol: 1e-5f, atol: 1e-5f, because: name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InputAndKernelGradientsMatchPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var (x, kernel, dy) = (c.Inputs[0], c.Inputs[1], c.Inputs[2]);
        using var tape = new GradientTape();
        tape.Watch(x, kernel);
        var objective = Runtime.Ops.Sum(Runtime.Ops.Multiply(Conv(c, x, kernel), dy));
        var grads = tape.Gradient(objective, [x, kernel]);
        TensorAssert.Close(c.Outputs[1], grads[0], rtol: 1e-5f, atol: 1e-5f, because: $"{name} dx");
        TensorAssert.Close(c.Outputs[2], grads[1], rtol: 1e-5f, atol: 1e-5f, because: $"{name} dkernel");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        GradientCheck.Check(x => Conv(c, x[0], x[1]), c.Inputs[..2], name: name);
    }

    [Fact]
    public void OnlyTheWatchedInputGetsAGradient()
    {
        var x = GradientCheck.Random(1, -1, 1, 1, 4, 4, 2);
        var kernel = GradientCheck.Random(2, -1, 1, 3, 3, 2, 2);
        using var tape = new GradientTape();
        tape.Watch(kernel);
        var y = Runtime.Ops.Sum(Runtime.Ops.Conv(x, kernel));
        var dk = tape.Gradient(y, [kernel])[0];
        Assert.Equal(kernel.Shape, dk.Shape);
        Assert.NotEqual(0f, dk.ToArray().Select(Math.Abs).Sum());
    }

    [Fact]
    public void ChunkedAndThreadedBatchesMatchDirectLoops()
    {
        // Large enough for the parallel im2col; a tiny column budget forces one batch item per chunk.
        var x = GradientCheck.Random(3, -1, 1, 6, 16, 11, 8);
        var kernel = GradientCheck.Random(4, -1, 1, 3, 3, 8, 6);
        int[] strides = [2, 1], dilation = [1, 2];
        var expected = DirectConv(x, kernel, strides, dilation, padTop: 0, padLeft: 2, outH: 8, outW: 11);
        var dy = GradientCheck.Random(5, -1, 1, expected.Shape.ToArray());

        (Tensor Y, Tensor[] Grads) Run()
        {
            using var tape = new GradientTape();
            tape.Watch(x, kernel);
            var y = Runtime.Ops.Conv(x, kernel, strides, "same", dilation);
            return (y, tape.Gradient(Runtime.Ops.Sum(Runtime.Ops.Multiply(y, dy)), [x, kernel]));
        }

        var whole = Run();
        var budget = Runtime.Backend.Cpu.Convolution.ColumnBudget;
        Runtime.Backend.Cpu.Convolution.ColumnBudget = 1;
        (Tensor Y, Tensor[] Grads) chunked;
        try { chunked = Run(); }
        finally { Runtime.Backend.Cpu.Convolution.ColumnBudget = budget; }

        TensorAssert.Close(expected, whole.Y, rtol: 1e-5f, atol: 1e-5f, because: "whole batch");
        TensorAssert.Close(expected, chunked.Y, rtol: 1e-5f, atol: 1e-5f, because: "chunked");
        TensorAssert.Close(whole.Grads[0], chunked.Grads[0], rtol: 1e-5f, atol: 1e-5f, because: "dx");
        TensorAssert.Close(whole.Grads[1], chunked.Grads[1], rtol: 1e-5f, atol: 1e-5f, because: "dkernel");
    }

    /// <summary>The textbook seven-loop convolution, in double precision.</summary>
    private static Tensor DirectConv(Tensor x, Tensor k, int[] s, int[] d, int padTop, int padLeft, int outH, int outW)
    {
        int n = x.Shape[0], h = x.Shape[1], w = x.Shape[2], c = x.Shape[3], kh = k.Shape[0], kw = k.Shape[1], o = k.Shape[3];
        var y = new float[n * outH * outW * o];
        for (var b = 0; b < n; b++)
            for (var i = 0; i < outH; i++)
                for (var j = 0; j < outW; j++)
                    for (var f = 0; f < o; f++)
                    {
                        double sum = 0;
                        for (var u = 0; u < kh; u++)
                            for (var v = 0; v < kw; v++)
                            {
                                int ih = i * s[0] - padTop + u * d[0], iw = j * s[1] - padLeft + v * d[1];
                                if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                                for (var ch = 0; ch < c; ch++) sum += (double)x[b, ih, iw, ch] * k[u, v, ch, f];
                            }
                        y[((b * outH + i) * outW + j) * o + f] = (float)sum;
                    }
        return Tensor.FromArray(y, n, outH, outW, o);
    }

    [Fact]
    public void ShapeRuleKeepsUnknownDimensions()
    {
        Assert.Equal(new Shape(-1, 26, 26, 32), OpShapes.Conv(new Shape(-1, 28, 28, 1), new Shape(3, 3, 1, 32)));
        Assert.Equal(new Shape(-1, 14, -1, 8), OpShapes.Conv(new Shape(-1, 28, -1, 3), new Shape(3, 3, 3, 8), [2], "same"));
        Assert.Equal(new Shape(2, 4, 3, 8), OpShapes.Conv(new Shape(2, 9, 9, 3), new Shape(3, 3, 3, 8), [2, 3], "valid"));
    }

    [Fact]
    public void ErrorsNameTheArgumentAndShapes()
    {
        var channels = Assert.Throws<ArgumentException>(() => Runtime.Ops.Conv(Tensor.Zeros(1, 5, 5, 3), Tensor.Zeros(3, 3, 2, 4)));
        Assert.Contains("conv", channels.Message);
        Assert.Contains("(1, 5, 5, 3)", channels.Message);
        Assert.Contains("(3, 3, 2, 4)", channels.Message);
        var padding = Assert.Throws<ArgumentException>(() => Runtime.Ops.Conv(Tensor.Zeros(1, 5, 5, 1), Tensor.Zeros(3, 3, 1, 1), padding: "causal"));
        Assert.Contains("causal", padding.Message);
        var large = Assert.Throws<ArgumentException>(() => Runtime.Ops.Conv(Tensor.Zeros(1, 2, 5, 1), Tensor.Zeros(3, 3, 1, 1)));
        Assert.Contains("larger than the input", large.Message);
        var strides = Assert.Throws<ArgumentException>(() => Runtime.Ops.Conv(Tensor.Zeros(1, 5, 5, 1), Tensor.Zeros(3, 3, 1, 1), strides: [0]));
        Assert.Contains("strides", strides.Message);
        var rank = Assert.Throws<ArgumentException>(() => Runtime.Ops.Conv(Tensor.Zeros(5, 1), Tensor.Zeros(3, 1, 1)));
        Assert.Contains("rank 3, 4 or 5", rank.Message);
        var groups = Assert.Throws<ArgumentException>(() => Runtime.Ops.Conv(Tensor.Zeros(1, 5, 4), Tensor.Zeros(3, 2, 3)));
        Assert.Contains("groups", groups.Message);
    }
}
