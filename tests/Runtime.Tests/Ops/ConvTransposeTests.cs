using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Ops;

public class ConvTransposeTests
{
    private const string File = "conv_transpose.json";

    // The file also holds the transposed convolution layers' cases, checked in Layers.ConvTransposeTests.
    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File).Where(n => ((string)n[0]).StartsWith("op_", StringComparison.Ordinal));

    private static Tensor ConvTranspose(ReferenceCase c, Tensor x, Tensor kernel, string? dataFormat = null) =>
        Runtime.Ops.ConvTranspose(x, kernel, c.Ints("strides"), c.String("padding"), c.Has("output_padding") ? c.Ints("output_padding") : null,
            dataFormat, c.Ints("dilation_rate"));

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var y = ConvTranspose(c, c.Inputs[0], c.Inputs[1]);
        TensorAssert.Close(c.Outputs[0], y, rtol: 1e-5f, atol: 1e-5f, because: name);
        var op = c.Has("output_padding") ? c.Ints("output_padding") : null;
        Assert.Equal(y.Shape.WithDim(0, -1), OpShapes.ConvTranspose(c.Inputs[0].Shape.WithDim(0, -1), c.Inputs[1].Shape, c.Ints("strides"),
            c.String("padding"), op, c.Ints("dilation_rate")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InputAndKernelGradientsMatchPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var (x, kernel, dy) = (c.Inputs[0], c.Inputs[1], c.Inputs[2]);
        using var tape = new GradientTape();
        tape.Watch(x, kernel);
        var objective = Runtime.Ops.Sum(Runtime.Ops.Multiply(ConvTranspose(c, x, kernel), dy));
        var grads = tape.Gradient(objective, [x, kernel]);
        TensorAssert.Close(c.Outputs[1], grads[0], rtol: 1e-5f, atol: 1e-5f, because: $"{name} dx");
        TensorAssert.Close(c.Outputs[2], grads[1], rtol: 1e-5f, atol: 1e-5f, because: $"{name} dkernel");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        GradientCheck.Check(x => ConvTranspose(c, x[0], x[1]), c.Inputs[..2], name: name);
    }

    [Fact]
    public void ChannelsFirstPermutesAroundTheKernel()
    {
        var c = ReferenceCases.Get(File, "op_2d_mixed_output_padding");
        var xFirst = Runtime.Ops.Transpose(c.Inputs[0], [0, 3, 1, 2]);
        TensorAssert.Close(Runtime.Ops.Transpose(c.Outputs[0], [0, 3, 1, 2]), ConvTranspose(c, xFirst, c.Inputs[1], "channels_first"),
            rtol: 1e-5f, atol: 1e-5f);
        var x = GradientCheck.Random(1, -1, 1, 2, 3, 5, 4);
        var kernel = GradientCheck.Random(2, -1, 1, 3, 3, 4, 3);
        TensorAssert.Close(Runtime.Ops.Transpose(Runtime.Ops.Conv(x, kernel, [2, 1], "same"), [0, 3, 1, 2]),
            Runtime.Ops.Conv(Runtime.Ops.Transpose(x, [0, 3, 1, 2]), kernel, [2, 1], "same", dataFormat: "channels_first"), rtol: 1e-6f, atol: 1e-6f);
    }

    [Fact]
    public void ErrorsNameTheOpAndTheShapes()
    {
        var x = Tensor.Zeros(1, 4, 4, 3);
        Assert.Contains("input channels", Assert.Throws<ArgumentException>(() => Runtime.Ops.ConvTranspose(x, Tensor.Zeros(3, 3, 2, 4))).Message);
        Assert.Contains("rank", Assert.Throws<ArgumentException>(() => Runtime.Ops.ConvTranspose(x, Tensor.Zeros(3, 2, 3))).Message);
        Assert.Contains("outputPadding", Assert.Throws<ArgumentException>(() => Runtime.Ops.ConvTranspose(x, Tensor.Zeros(3, 3, 2, 3), [2], "same", [2])).Message);
        Assert.Contains("padding", Assert.Throws<ArgumentException>(() => Runtime.Ops.ConvTranspose(x, Tensor.Zeros(3, 3, 2, 3), padding: "full")).Message);
        Assert.Contains("dataFormat", Assert.Throws<ArgumentException>(() => Runtime.Ops.ConvTranspose(x, Tensor.Zeros(3, 3, 2, 3), dataFormat: "nhwc")).Message);
        Assert.Equal(new Shape(-1, -1, 8, 2), OpShapes.ConvTranspose(new Shape(-1, -1, 4, 3), new Shape(3, 3, 2, 3), [2], "same"));
    }
}
