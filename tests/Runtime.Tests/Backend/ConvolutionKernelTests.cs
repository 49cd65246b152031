using System.Runtime.Intrinsics;
using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Backend;

/// <summary>
/// The specialised convolution kernels against the plain im2col + SGEMM path, on geometries chosen to hit every tile width,
/// ragged tiles, padding, strides, dilation and 1-/3-D windows, and against PyTorch's reference cases.
/// </summary>
public class ConvolutionKernelTests
{
    private const string File = "convolution.json";

    public static IEnumerable<object[]> ReferenceNames => ReferenceCases.Names(File);

    /// <summary>(input shape, kernel shape, strides, padding, dilation): channels_last, Keras's kernel layout.</summary>
    public static TheoryData<int[], int[], int[], string, int[]> Geometries => new()
    {
        { [3, 9, 10, 1], [3, 3, 1, 32], [1, 1], "valid", [1, 1] },
        { [2, 7, 7, 5], [3, 3, 5, 64], [1, 1], "same", [1, 1] },
        { [2, 8, 9, 3], [3, 2, 3, 80], [2, 1], "same", [1, 1] },
        { [1, 11, 9, 4], [3, 3, 4, 16], [1, 1], "same", [2, 3] },
        { [2, 13, 6], [5, 6, 48], [3], "valid", [1] },
        { [1, 5, 6, 5, 3], [2, 3, 2, 3, 32], [1, 2, 1], "same", [1, 1, 1] },
        { [1, 4, 4, 2], [4, 4, 2, 16], [1, 1], "valid", [1, 1] },
        { [2, 7, 7, 16], [3, 3, 16, 32], [1, 1], "same", [1, 1] },
        { [1, 9, 8, 32], [3, 3, 32, 16], [1, 1], "valid", [2, 1] },
        { [2, 12, 16], [3, 16, 48], [1], "same", [2] },
        { [1, 4, 5, 4, 16], [2, 2, 2, 16, 16], [1, 1, 1], "same", [1, 1, 1] },
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void DirectForwardMatchesIm2Col(int[] xShape, int[] kernelShape, int[] strides, string padding, int[] dilation)
    {
        var g = OpShapes.ConvGeometry(new Shape(xShape), new Shape(kernelShape), strides, padding, dilation);
        if (!HasDirect(g)) return;
        var x = GradientCheck.Random(1, -1, 1, xShape);
        var kernel = GradientCheck.Random(2, -1, 1, kernelShape);
        var size = g.Batch * g.OutPixels * g.OutChannels;
        var (expected, actual) = (new float[size], Filled(size));
        Convolution.ForwardIm2Col(g, x.AsSpan(), kernel.AsSpan(), expected);
        DirectConvolution.Forward(g, x.AsSpan(), kernel.AsSpan(), actual);
        TensorAssert.Close(Tensor.FromArray(expected), Tensor.FromArray(actual), rtol: 1e-5f, atol: 1e-5f, because: g.ToString());
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void DirectGradientsMatchIm2Col(int[] xShape, int[] kernelShape, int[] strides, string padding, int[] dilation)
    {
        var g = OpShapes.ConvGeometry(new Shape(xShape), new Shape(kernelShape), strides, padding, dilation);
        if (!HasDirect(g)) return;
        var x = GradientCheck.Random(1, -1, 1, xShape);
        var kernel = GradientCheck.Random(2, -1, 1, kernelShape);
        var dy = GradientCheck.Random(3, -1, 1, g.Batch * g.OutPixels * g.OutChannels);
        float[] expectedDx = new float[x.Size], expectedDk = new float[kernel.Size];
        Convolution.BackwardIm2Col(g, x.AsSpan(), kernel.AsSpan(), dy.AsSpan(), expectedDx, expectedDk);

        var dk = Filled(kernel.Size);
        DirectConvolution.KernelGradient(g, x.AsSpan(), dy.AsSpan(), dk);
        TensorAssert.Close(Tensor.FromArray(expectedDk), Tensor.FromArray(dk), rtol: 1e-4f, atol: 1e-4f, because: $"dkernel {g}");
        if (DirectConvolution.SupportsInputGradient(g))
        {
            var dx = Filled(x.Size);
            DirectConvolution.InputGradient(g, kernel.AsSpan(), dy.AsSpan(), dx);
            TensorAssert.Close(Tensor.FromArray(expectedDx), Tensor.FromArray(dx), rtol: 1e-4f, atol: 1e-4f, because: $"dx {g}");
        }
    }

    [Fact]
    public void KernelGradientSplitsLargeBatchesAcrossThreadsExactly()
    {
        // Enough pixels for one partial sum per thread, each over several chunks; the sums must add up to the im2col result.
        int[] xShape = [4, 20, 20, 3], kernelShape = [3, 3, 3, 32];
        var g = OpShapes.ConvGeometry(new Shape(xShape), new Shape(kernelShape), [1, 1], "same", [1, 1]);
        if (!HasDirect(g)) return;
        var x = GradientCheck.Random(4, -1, 1, xShape);
        var dy = GradientCheck.Random(5, -1, 1, g.Batch * g.OutPixels * g.OutChannels);
        var expected = new float[g.PatchSize * g.OutChannels];
        Convolution.BackwardIm2Col(g, x.AsSpan(), default, dy.AsSpan(), default, expected);
        var threads = CpuParallel.Threads;
        try
        {
            foreach (var t in new[] { 1, 3 })
            {
                CpuParallel.Threads = t;
                var dk = Filled(expected.Length);
                DirectConvolution.KernelGradient(g, x.AsSpan(), dy.AsSpan(), dk);
                TensorAssert.Close(Tensor.FromArray(expected), Tensor.FromArray(dk), rtol: 1e-4f, atol: 1e-4f, because: $"{t} threads");
            }
        }
        finally
        {
            CpuParallel.Threads = threads;
        }
    }

    [Theory]
    [InlineData(true, true, 32)]
    [InlineData(false, true, 16)]
    [InlineData(true, false, 48)]
    [InlineData(true, true, 6)]
    [InlineData(false, false, 5)]
    public void FusedConvMatchesConvThenBiasThenRelu(bool relu, bool withBias, int filters)
    {
        // 16-multiples take the direct kernel's fused store, the others im2col and the separate epilogue pass.
        var x = GradientCheck.Random(6, -1, 1, 2, 7, 6, 3);
        var kernel = GradientCheck.Random(7, -1, 1, 3, 3, 3, filters);
        var bias = withBias ? GradientCheck.Random(8, -1, 1, filters) : null;
        int[] strides = [1, 2];

        Tensor Reference(Tensor[] t)
        {
            var y = Runtime.Ops.Conv(t[0], t[1], strides, "same");
            if (withBias) y = Runtime.Ops.Add(y, t[2]);
            return relu ? Runtime.Ops.Relu(y) : y;
        }

        Tensor Fused(Tensor[] t) => Runtime.Ops.FusedConv(t[0], t[1], withBias ? t[2] : null, relu, strides, "same");

        Tensor[] inputs = withBias ? [x, kernel, bias!] : [x, kernel];
        var dy = GradientCheck.Random(9, -1, 1, Reference(inputs).Shape.ToArray());

        Tensor[] Gradients(Func<Tensor[], Tensor> f, out Tensor y)
        {
            using var tape = new Runtime.Autodiff.GradientTape();
            tape.Watch(inputs);
            y = f(inputs);
            return tape.Gradient(Runtime.Ops.Sum(Runtime.Ops.Multiply(y, dy)), inputs);
        }

        var expected = Gradients(Reference, out var expectedY);
        var actual = Gradients(Fused, out var actualY);
        TensorAssert.Close(expectedY, actualY, rtol: 1e-5f, atol: 1e-5f, because: "y");
        for (var i = 0; i < inputs.Length; i++)
            TensorAssert.Close(expected[i], actual[i], rtol: 1e-4f, atol: 1e-4f, because: $"gradient {i}");
        if (!relu) GradientCheck.Check(Fused, inputs, name: "fused conv");
    }

    [Fact]
    public void FusedConvRejectsABiasOfTheWrongShape()
    {
        var x = GradientCheck.Random(1, -1, 1, 1, 4, 4, 2);
        var kernel = GradientCheck.Random(2, -1, 1, 3, 3, 2, 16);
        var error = Assert.Throws<ArgumentException>(() => Runtime.Ops.FusedConv(x, kernel, Tensor.Zeros(8), relu: true));
        Assert.Contains("expected (16,)", error.Message);
    }

    [Theory]
    [MemberData(nameof(ReferenceNames))]
    public void DirectGradientsMatchPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var (x, kernel, dy) = (c.Inputs[0], c.Inputs[1], c.Inputs[2]);
        var g = OpShapes.ConvGeometry(x.Shape, kernel.Shape, c.Ints("strides"), c.String("padding"), c.Ints("dilation_rate"));
        if (g.Batch * g.OutPixels == 0) return;
        if (DirectConvolution.Supports(g))
        {
            var dk = new float[kernel.Size];
            DirectConvolution.KernelGradient(g, x.AsSpan(), dy.AsSpan(), dk);
            TensorAssert.Close(c.Outputs[2], Tensor.FromArray(dk, kernel.Shape.ToArray()), rtol: 1e-4f, atol: 1e-4f, because: $"{name} dkernel");
        }
        if (DirectConvolution.SupportsInputGradient(g))
        {
            var dx = new float[x.Size];
            DirectConvolution.InputGradient(g, kernel.AsSpan(), dy.AsSpan(), dx);
            TensorAssert.Close(c.Outputs[1], Tensor.FromArray(dx, x.Shape.ToArray()), rtol: 1e-4f, atol: 1e-4f, because: $"{name} dx");
        }
    }

    [Theory]
    [MemberData(nameof(ReferenceNames))]
    public void DirectForwardMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var (x, kernel) = (c.Inputs[0], c.Inputs[1]);
        var g = OpShapes.ConvGeometry(x.Shape, kernel.Shape, c.Ints("strides"), c.String("padding"), c.Ints("dilation_rate"));
        if (!DirectConvolution.Supports(g) || g.Batch * g.OutPixels == 0) return;
        var y = new float[g.Batch * g.OutPixels * g.OutChannels];
        DirectConvolution.Forward(g, x.AsSpan(), kernel.AsSpan(), y);
        TensorAssert.Close(c.Outputs[0], Tensor.FromArray(y, c.Outputs[0].Shape.ToArray()), rtol: 1e-5f, atol: 1e-5f, because: name);
    }

    [Fact]
    public void DirectPathCoversTheReferenceCasesMadeForIt()
    {
        var direct = ReferenceNames.Select(n => (string)n[0]).Where(n => n.StartsWith("direct_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(direct);
        foreach (var name in direct)
        {
            var c = ReferenceCases.Get(File, name);
            var g = OpShapes.ConvGeometry(c.Inputs[0].Shape, c.Inputs[1].Shape, c.Ints("strides"), c.String("padding"), c.Ints("dilation_rate"));
            Assert.Equal(Vector512.IsHardwareAccelerated, DirectConvolution.Supports(g));
            if (name.StartsWith("direct_backward", StringComparison.Ordinal))
                Assert.Equal(Vector512.IsHardwareAccelerated, DirectConvolution.SupportsInputGradient(g));
        }
    }

    /// <summary>A buffer of NaNs: a kernel that skips an element it must write leaves a NaN the comparison catches.</summary>
    private static float[] Filled(int size)
    {
        var buffer = new float[size];
        buffer.AsSpan().Fill(float.NaN);
        return buffer;
    }

    /// <summary>Whether the direct kernel applies; on machines without AVX-512 it must decline (and im2col runs instead).</summary>
    private static bool HasDirect(in WindowGeometry g)
    {
        Assert.Equal(Vector512.IsHardwareAccelerated, DirectConvolution.Supports(g));
        return Vector512.IsHardwareAccelerated;
    }
}
