using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

public sealed class DepthwiseSeparableTests : IDisposable
{
    private const string File = "depthwise_layers.json";

    private readonly string _dir = Directory.CreateTempSubdirectory("nk-depthwise-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    /// <summary>The case's layer created from its Keras config and built, with the reference kernels and bias.</summary>
    private static Layer Create(ReferenceCase c)
    {
        var config = new JsonObject { ["name"] = c.Name };
        foreach (var arg in c.Args.EnumerateObject()) config[arg.Name] = JsonNode.Parse(arg.Value.GetRawText());
        var layer = KerasRegistry.Deserialize<Layer>(new JsonObject { ["module"] = "keras.layers", ["class_name"] = c.Op, ["config"] = config });
        layer.Apply(c.Inputs[0]);
        layer.SetWeights(c.Inputs[1..^1]);
        return layer;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var layer = Create(c);
        var y = layer.Apply(c.Inputs[0]);
        TensorAssert.Close(c.Outputs[0], y, rtol: 1e-5f, atol: 1e-5f, because: name);
        Assert.Equal(layer.ComputeOutputShape(c.Inputs[0].Shape.WithDim(0, -1)), y.Shape.WithDim(0, -1));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var layer = Create(c);
        var x = c.Inputs[0];
        using var tape = new GradientTape(persistent: true);
        tape.Watch(x);
        tape.Watch([.. layer.TrainableWeights]);
        var objective = Runtime.Ops.Sum(Runtime.Ops.Multiply(layer.Apply(x), c.Inputs[^1]));
        TensorAssert.Close(c.Outputs[1], tape.Gradient(objective, x)[0], rtol: 1e-4f, atol: 1e-5f, because: $"{name} dx");
        var dw = tape.Gradient(objective, layer.TrainableWeights);
        for (var i = 0; i < dw.Length; i++)
            TensorAssert.Close(c.Outputs[i + 2], dw[i], rtol: 1e-4f, atol: 1e-5f, because: $"{name} d{layer.TrainableWeights[i].Name}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InputGradientMatchesFiniteDifferences(string name)
    {
        // The kernels' gradients are checked by finite differences at the op level (DepthwiseConvTests).
        var c = ReferenceCases.Get(File, name);
        var layer = Create(c);
        GradientCheck.Check(xs => layer.Apply(xs[0]), [c.Inputs[0]], name: name);
    }

    [Fact]
    public void WeightsHaveKerasNamesShapesAndOrder()
    {
        var depthwise = new DepthwiseConv2D((3, 2), depthMultiplier: 2);
        depthwise.Apply(Tensor.Ones(1, 5, 5, 3));
        Assert.Equal(["kernel", "bias"], depthwise.Weights.Select(w => w.Name));
        Assert.Equal(new Shape(3, 2, 3, 2), depthwise.Kernel!.Shape);
        Assert.Equal(new Shape(6), depthwise.Bias!.Shape);
        var separable = new SeparableConv1D(4, 3, depthMultiplier: 2, dataFormat: "channels_first");
        separable.Apply(Tensor.Ones(2, 3, 7));
        Assert.Equal(["depthwise_kernel", "pointwise_kernel", "bias"], separable.Weights.Select(w => w.Name));
        Assert.Equal(new Shape(3, 3, 2), separable.DepthwiseKernel!.Shape);
        Assert.Equal(new Shape(1, 6, 4), separable.PointwiseKernel!.Shape);
        Assert.Equal(new Shape(4), separable.Bias!.Shape);
    }

    [Fact]
    public void ConfigsHaveKerasKeysInKerasOrderAndRoundTrip()
    {
        var depthwise = new DepthwiseConv1D(3, depthMultiplier: 2, padding: "same", activation: "relu", depthwiseRegularizer: "l2", name: "d");
        Assert.Equal(
            ["name", "trainable", "dtype", "depth_multiplier", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
             "activation", "use_bias", "depthwise_initializer", "bias_initializer", "depthwise_regularizer", "bias_regularizer",
             "activity_regularizer", "depthwise_constraint", "bias_constraint"],
            depthwise.GetConfig().Select(p => p.Key));
        Assert.Equal("[3]", depthwise.GetConfig()["kernel_size"]!.ToJsonString());
        var separable = new SeparableConv2D(8, (3, 5), strides: 2, depthMultiplier: 3, useBias: false, pointwiseInitializer: "he_normal", name: "s");
        Assert.Equal(
            ["name", "trainable", "dtype", "depth_multiplier", "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
             "activation", "use_bias", "depthwise_initializer", "pointwise_initializer", "bias_initializer", "depthwise_regularizer",
             "pointwise_regularizer", "bias_regularizer", "activity_regularizer", "depthwise_constraint", "pointwise_constraint", "bias_constraint"],
            separable.GetConfig().Select(p => p.Key));
        Assert.Equal("[2,2]", separable.GetConfig()["strides"]!.ToJsonString());
        Layer[] layers = [depthwise, separable, new DepthwiseConv2D(3, dataFormat: "channels_first", dilationRate: 2), new SeparableConv1D(2, 5, activation: "tanh")];
        foreach (var layer in layers) KerasConfigAssert.RoundTrips(layer);
    }

    [Fact]
    public void AKerasWrittenConfigReads()
    {
        // As Keras 3 writes a DepthwiseConv2D (keys from keras/src/layers/convolutional/base_depthwise_conv.py get_config).
        const string json = """
            {"module": "keras.layers", "class_name": "DepthwiseConv2D", "config": {"name": "depthwise_conv2d", "trainable": true,
             "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
             "depth_multiplier": 2, "kernel_size": [3, 3], "strides": [1, 1], "padding": "same", "data_format": "channels_last",
             "dilation_rate": [1, 1], "activation": "relu", "use_bias": true,
             "depthwise_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null},
             "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
             "depthwise_regularizer": null, "bias_regularizer": null, "activity_regularizer": null, "depthwise_constraint": null, "bias_constraint": null}}
            """;
        var layer = (DepthwiseConv2D)KerasRegistry.Deserialize<Layer>(JsonNode.Parse(json)!.AsObject());
        Assert.Equal(2, layer.DepthMultiplier);
        Assert.Equal(new Size2D(3, 3), layer.KernelSize);
        Assert.Equal("same", layer.Padding);
        Assert.Equal("relu", layer.Activation);
        Assert.Equal(new Shape(-1, 8, 8, 6), layer.ComputeOutputShape(new Shape(-1, 8, 8, 3)));
    }

    [Fact]
    public void ArgumentErrorsNameTheLayerAndArgument()
    {
        Assert.Contains("depthMultiplier", Assert.Throws<ArgumentOutOfRangeException>(() => new DepthwiseConv2D(3, depthMultiplier: 0)).Message);
        Assert.Contains("filters", Assert.Throws<ArgumentOutOfRangeException>(() => new SeparableConv1D(0, 3)).Message);
        Assert.Contains("kernelSize", Assert.Throws<ArgumentException>(() => new DepthwiseConv1D(0)).Message);
        var dilated = Assert.Throws<ArgumentException>(() => new SeparableConv2D(4, 3, strides: 2, dilationRate: 2));
        Assert.Contains("SeparableConv2D", dilated.Message);
        Assert.Contains("dilationRate", dilated.Message);
        Assert.Contains("padding", Assert.Throws<ArgumentException>(() => new DepthwiseConv1D(3, padding: "causal")).Message);
        Assert.Contains("ndim=4", Assert.Throws<ArgumentException>(() => new DepthwiseConv2D(3).Apply(Tensor.Ones(2, 5, 5))).Message);
    }

    public static IEnumerable<object[]> SavedModels =>
    [
        ["2d", new Shape(10, 10, 3), new Func<Layer[]>(() =>
            [new DepthwiseConv2D(3, depthMultiplier: 2, activation: "relu", biasInitializer: "ones"), new SeparableConv2D(4, 3, padding: "same", depthMultiplier: 2)])],
        ["1d_channels_first", new Shape(3, 12), new Func<Layer[]>(() =>
            [new DepthwiseConv1D(3, dataFormat: "channels_first", biasInitializer: "ones"), new SeparableConv1D(4, 3, strides: 2, dataFormat: "channels_first")])],
    ];

    [Theory]
    [MemberData(nameof(SavedModels))]
    public void ModelsSaveAndLoadWithTheSamePredictions(string name, Shape input, Func<Layer[]> layers)
    {
        var model = new Sequential([new InputLayer(input), .. layers(), new Flatten(), new Dense(3)]);
        var path = Path.Combine(_dir, $"{name}.keras");
        model.Save(path);
        var copy = Model.Load(path);
        var x = GradientCheck.Random(4, -1, 1, [2, .. input]);
        TensorAssert.Equal(model.Predict(x, verbose: 0), copy.Predict(x, verbose: 0));
        Assert.Equal(model.GetConfig().ToJsonString(), copy.GetConfig().ToJsonString());
    }
}
