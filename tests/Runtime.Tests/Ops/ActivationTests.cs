using NotebookKeras.Runtime.Activations;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Ops;

public class ActivationTests
{
    private const string File = "activations.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    public static IEnumerable<object[]> GradientCases => ReferenceChecks.WithGradient(File);

    public static IEnumerable<object[]> FiniteDifferenceCases => ReferenceChecks.ForFiniteDifferences(File);

    private static Tensor Apply(ReferenceCase c, Tensor x) => c.Op switch
    {
        "relu" => Runtime.Ops.Relu(x,
            negativeSlope: c.Has("negative_slope") ? c.Float("negative_slope") : 0f,
            maxValue: c.Has("max_value") ? c.Float("max_value") : null,
            threshold: c.Has("threshold") ? c.Float("threshold") : 0f),
        "relu6" => Runtime.Ops.Relu6(x),
        "leaky_relu" => c.Has("negative_slope") ? Runtime.Ops.LeakyRelu(x, c.Float("negative_slope")) : Runtime.Ops.LeakyRelu(x),
        "elu" => c.Has("alpha") ? Runtime.Ops.Elu(x, c.Float("alpha")) : Runtime.Ops.Elu(x),
        "selu" => Runtime.Ops.Selu(x),
        "gelu" => Runtime.Ops.Gelu(x, c.Bool("approximate")),
        "sigmoid" => Runtime.Ops.Sigmoid(x),
        "hard_sigmoid" => Runtime.Ops.HardSigmoid(x),
        "hard_silu" => Runtime.Ops.HardSilu(x),
        "silu" => Runtime.Ops.Silu(x),
        "tanh" => Runtime.Ops.Tanh(x),
        "softplus" => Runtime.Ops.Softplus(x),
        "softsign" => Runtime.Ops.Softsign(x),
        "mish" => Runtime.Ops.Mish(x),
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

    public static IEnumerable<object[]> LargeInputFunctions =>
        new[] { "relu", "relu_all", "leaky_relu", "elu", "selu", "gelu", "gelu_tanh", "hard_silu", "silu", "softplus", "mish", "sigmoid", "tanh" }
            .Select(n => new object[] { n });

    /// <summary>Inputs above the parallel threshold (with a ragged tail) give exactly the values of small, single-threaded calls.</summary>
    [Theory]
    [MemberData(nameof(LargeInputFunctions))]
    public void ParallelPathsMatchSmallCalls(string name)
    {
        Func<Tensor, Tensor> f = name switch
        {
            "relu_all" => x => Runtime.Ops.Relu(x, negativeSlope: 0.3f, maxValue: 4f, threshold: 1f),
            "gelu_tanh" => x => Runtime.Ops.Gelu(x, approximate: true),
            "gelu" => x => Runtime.Ops.Gelu(x, approximate: false),
            _ => ActivationCatalog.Get(name),
        };
        const int n = 300_007, chunk = 1_000;
        var x = GradientCheck.Random(7, -6f, 6f, n);
        var upstream = GradientCheck.Random(8, -1f, 1f, n);
        Tensor y, dx;
        using (var tape = new GradientTape())
        {
            tape.Watch(x);
            y = f(x);
            dx = tape.Gradient(y, [x], upstream)[0];
        }
        var (xs, gs, ys, dxs) = (x.ToArray(), upstream.ToArray(), y.ToArray(), dx.ToArray());
        for (var start = 0; start < n; start += chunk)
        {
            var len = Math.Min(chunk, n - start);
            var xc = Tensor.FromArray(xs[start..(start + len)]);
            using var tape = new GradientTape();
            tape.Watch(xc);
            var yc = f(xc);
            var dxc = tape.Gradient(yc, [xc], Tensor.FromArray(gs[start..(start + len)]))[0];
            TensorAssert.Equal(yc, Tensor.FromArray(ys[start..(start + len)]), $"{name} forward at {start}");
            TensorAssert.Equal(dxc, Tensor.FromArray(dxs[start..(start + len)]), $"{name} backward at {start}");
        }
    }

    [Fact]
    public void KerasDefaultsAreKept()
    {
        var x = GradientCheck.Random(3, -4f, 4f, 2, 7);
        TensorAssert.Equal(Runtime.Ops.Gelu(x, approximate: true), Runtime.Ops.Gelu(x)); // ops.gelu: approximate=True
        TensorAssert.Equal(Runtime.Ops.Relu(x, negativeSlope: 0.2f), Runtime.Ops.LeakyRelu(x)); // ops.leaky_relu: 0.2
        TensorAssert.Equal(Runtime.Ops.Relu(x, maxValue: 6f), Runtime.Ops.Relu6(x));
        TensorAssert.Equal(Runtime.Ops.Silu(x), Runtime.Ops.Swish(x));
        TensorAssert.Equal(Runtime.Ops.HardSilu(x), Runtime.Ops.HardSwish(x));
        Assert.Equal(new Shape(2, 7), Runtime.Ops.Mish(x).Shape);
    }

    [Fact]
    public void ReluMatchesTheKerasDocstringExamples()
    {
        var x = Tensor.FromArray([-10f, -5f, 0f, 5f, 10f]);
        TensorAssert.Equal(Tensor.FromArray([0f, 0f, 0f, 5f, 10f]), Runtime.Ops.Relu(x));
        TensorAssert.Equal(Tensor.FromArray([-5f, -2.5f, 0f, 5f, 10f]), Runtime.Ops.Relu(x, negativeSlope: 0.5f));
        TensorAssert.Equal(Tensor.FromArray([0f, 0f, 0f, 5f, 5f]), Runtime.Ops.Relu(x, maxValue: 5f));
        TensorAssert.Equal(Tensor.FromArray([0f, 0f, 0f, 0f, 10f]), Runtime.Ops.Relu(x, threshold: 5f));
    }

    [Fact]
    public void ErrorsNameTheOpAndTheArgument()
    {
        var ints = Tensor.FromArray([1, 2, 3]);
        var e = Assert.Throws<ArgumentException>(() => Runtime.Ops.Gelu(ints));
        Assert.Contains("gelu", e.Message);
        Assert.Contains("int32", e.Message);
        var r = Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Ops.Relu(Tensor.Zeros(3), maxValue: -1f));
        Assert.Contains("relu", r.Message);
        Assert.Contains("maxValue", r.Message);
    }

    [Fact]
    public void CatalogueResolvesEveryKerasName()
    {
        string[] keras =
        [
            "relu", "relu6", "leaky_relu", "elu", "selu", "gelu", "sigmoid", "hard_sigmoid", "hard_silu", "hard_swish",
            "silu", "swish", "tanh", "softplus", "softsign", "mish", "exponential", "linear", "softmax", "log_softmax",
        ];
        Assert.Equal(keras.Order(), ActivationCatalog.Names.Order());
        var x = GradientCheck.Random(5, -3f, 3f, 2, 4);
        var expected = new Dictionary<string, Tensor>
        {
            ["relu"] = Runtime.Ops.Relu(x),
            ["relu6"] = Runtime.Ops.Relu6(x),
            ["leaky_relu"] = Runtime.Ops.LeakyRelu(x, 0.2f),
            ["elu"] = Runtime.Ops.Elu(x, 1f),
            ["selu"] = Runtime.Ops.Selu(x),
            ["gelu"] = Runtime.Ops.Gelu(x, approximate: false),
            ["sigmoid"] = Runtime.Ops.Sigmoid(x),
            ["hard_sigmoid"] = Runtime.Ops.HardSigmoid(x),
            ["hard_silu"] = Runtime.Ops.HardSilu(x),
            ["hard_swish"] = Runtime.Ops.HardSilu(x),
            ["silu"] = Runtime.Ops.Silu(x),
            ["swish"] = Runtime.Ops.Silu(x),
            ["tanh"] = Runtime.Ops.Tanh(x),
            ["softplus"] = Runtime.Ops.Softplus(x),
            ["softsign"] = Runtime.Ops.Softsign(x),
            ["mish"] = Runtime.Ops.Mish(x),
            ["exponential"] = Runtime.Ops.Exp(x),
            ["linear"] = x,
            ["softmax"] = Runtime.Ops.Softmax(x, -1),
            ["log_softmax"] = Runtime.Ops.LogSoftmax(x, -1),
        };
        foreach (var name in keras) TensorAssert.Equal(expected[name], ActivationCatalog.Get(name)(x), name);
        Assert.Same(x, ActivationCatalog.Get(null)(x)); // Keras: activations.get(None) is linear
    }

    [Fact]
    public void CatalogueRejectsUnknownNamesListingTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => ActivationCatalog.Get("relu7"));
        Assert.Contains("'relu7'", e.Message);
        foreach (var name in ActivationCatalog.Names) Assert.Contains(name, e.Message);
        var hint = Assert.Throws<ArgumentException>(() => ActivationCatalog.Get("LeakyReLU"));
        Assert.Contains("Did you mean 'leaky_relu'?", hint.Message);
    }
}
