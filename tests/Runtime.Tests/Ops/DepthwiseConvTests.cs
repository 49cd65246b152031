using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Ops;

public class DepthwiseConvTests
{
    private const string File = "depthwise_ops.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    /// <summary>The op of the case on (x, kernels...).</summary>
    private static Tensor Run(ReferenceCase c, Tensor[] inputs) => c.Op switch
    {
        "depthwise_conv" => Runtime.Ops.DepthwiseConv(inputs[0], inputs[1], c.Ints("strides"), c.String("padding"), c.Ints("dilation_rate")),
        "separable_conv" => Runtime.Ops.SeparableConv(inputs[0], inputs[1], inputs[2], c.Ints("strides"), c.String("padding"), c.Ints("dilation_rate")),
        _ => throw new InvalidOperationException(c.Op),
    };

    // x and the kernels: every input but the last (dy).
    private static Tensor[] Arguments(ReferenceCase c) => c.Inputs[..^1];

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var args = Arguments(c);
        var y = Run(c, args);
        TensorAssert.Close(c.Outputs[0], y, rtol: 1e-5f, atol: 1e-5f, because: name);
        var shape = c.Op == "depthwise_conv"
            ? OpShapes.DepthwiseConv(args[0].Shape.WithDim(0, -1), args[1].Shape, c.Ints("strides"), c.String("padding"), c.Ints("dilation_rate"))
            : OpShapes.SeparableConv(args[0].Shape.WithDim(0, -1), args[1].Shape, args[2].Shape, c.Ints("strides"), c.String("padding"), c.Ints("dilation_rate"));
        Assert.Equal(shape, y.Shape.WithDim(0, -1));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var args = Arguments(c);
        using var tape = new GradientTape();
        tape.Watch(args);
        var grads = tape.Gradient(Runtime.Ops.Sum(Runtime.Ops.Multiply(Run(c, args), c.Inputs[^1])), args);
        for (var i = 0; i < args.Length; i++) TensorAssert.Close(c.Outputs[i + 1], grads[i], rtol: 1e-4f, atol: 1e-5f, because: $"{name} gradient {i}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        GradientCheck.Check(xs => Run(c, xs), Arguments(c), name: name);
    }

    public static IEnumerable<object[]> RandomShapes =>
    [
        // x shape, window, multiplier, strides, padding, dilation
        [new[] { 3, 11, 5 }, new[] { 3 }, 1, new[] { 2 }, "same", new[] { 1 }],
        [new[] { 2, 13, 6 }, new[] { 5 }, 4, new[] { 1 }, "valid", new[] { 2 }],
        [new[] { 2, 9, 10, 7 }, new[] { 3, 3 }, 2, new[] { 1, 2 }, "same", new[] { 1, 1 }],
        [new[] { 1, 8, 8, 33 }, new[] { 2, 4 }, 1, new[] { 2, 2 }, "valid", new[] { 1, 1 }],
        [new[] { 4, 16, 16, 24 }, new[] { 3, 3 }, 2, new[] { 1, 1 }, "same", new[] { 1, 1 }],
        [new[] { 3, 12, 12, 9 }, new[] { 5, 5 }, 1, new[] { 1, 1 }, "same", new[] { 2, 2 }],
        [new[] { 2, 5, 6, 7, 4 }, new[] { 3, 2, 3 }, 3, new[] { 2, 1, 2 }, "same", new[] { 1, 1, 1 }],
    ];

    [Theory]
    [MemberData(nameof(RandomShapes))]
    public void DirectKernelMatchesTheGroupedConvolution(int[] xShape, int[] window, int multiplier, int[] strides, string padding, int[] dilation)
    {
        // The depthwise kernel (*window, channels, multiplier) is the grouped kernel (*window, 1, channels * multiplier).
        var channels = xShape[^1];
        var x = GradientCheck.Random(1, -1, 1, xShape);
        var kernel = GradientCheck.Random(2, -1, 1, [.. window, channels, multiplier]);
        var grouped = kernel.Reshape([.. window, 1, channels * multiplier]);
        using var tape = new GradientTape(persistent: true);
        tape.Watch([x, kernel, grouped]);
        var direct = Runtime.Ops.DepthwiseConv(x, kernel, strides, padding, dilation);
        var reference = Runtime.Ops.Conv(x, grouped, strides, padding, dilation);
        TensorAssert.Close(reference, direct, rtol: 1e-4f, atol: 1e-5f, because: "forward");
        var dy = GradientCheck.Random(3, -1, 1, direct.Shape.ToArray());
        var ours = tape.Gradient(Runtime.Ops.Sum(Runtime.Ops.Multiply(direct, dy)), [x, kernel]);
        var theirs = tape.Gradient(Runtime.Ops.Sum(Runtime.Ops.Multiply(reference, dy)), [x, grouped]);
        TensorAssert.Close(theirs[0], ours[0], rtol: 1e-4f, atol: 1e-4f, because: "dx");
        TensorAssert.Close(theirs[1].Reshape(kernel.Shape.ToArray()), ours[1], rtol: 1e-4f, atol: 1e-4f, because: "dkernel");
    }

    [Fact]
    public void ShapeRulesKeepUnknownDimensions()
    {
        Assert.Equal(new Shape(-1, 13, 13, 64), OpShapes.DepthwiseConv(new Shape(-1, 26, 26, 32), new Shape(2, 2, 32, 2), [2]));
        Assert.Equal(new Shape(2, -1, 12), OpShapes.DepthwiseConv(new Shape(2, -1, 4), new Shape(3, 4, 3), padding: "same"));
        Assert.Equal(new Shape(-1, 5, 5, 8), OpShapes.SeparableConv(new Shape(-1, 7, 7, 3), new Shape(3, 3, 3, 2), new Shape(1, 1, 6, 8)));
    }

    [Fact]
    public void ErrorsNameTheOpAndTheMismatch()
    {
        var channels = Assert.Throws<ArgumentException>(() => Runtime.Ops.DepthwiseConv(Tensor.Zeros(1, 5, 5, 4), Tensor.Zeros(3, 3, 2, 2)));
        Assert.Contains("depthwise_conv", channels.Message);
        Assert.Contains("(3, 3, 2, 2)", channels.Message);
        var rank = Assert.Throws<ArgumentException>(() => Runtime.Ops.DepthwiseConv(Tensor.Zeros(1, 5, 5, 4), Tensor.Zeros(3, 4, 1)));
        Assert.Contains("rank 4", rank.Message);
        var pointwise = Assert.Throws<ArgumentException>(() =>
            Runtime.Ops.SeparableConv(Tensor.Zeros(1, 5, 5, 2), Tensor.Zeros(3, 3, 2, 2), Tensor.Zeros(1, 1, 3, 8)));
        Assert.Contains("conv", pointwise.Message);
    }
}
