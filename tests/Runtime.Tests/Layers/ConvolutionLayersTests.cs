using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Layers.Pooling;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

public class ConvolutionLayersTests
{
    private const string File = "conv_layers.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    /// <summary>The case's layer, built, with the reference kernel and bias for Conv2D.</summary>
    private static Layer Create(ReferenceCase c)
    {
        Layer layer = c.Op switch
        {
            "Conv2D" => new Conv2D(c.Int("filters"), (c.Ints("kernel_size")[0], c.Ints("kernel_size")[1]),
                (c.Ints("strides")[0], c.Ints("strides")[1]), c.String("padding"),
                dilationRate: (c.Ints("dilation_rate")[0], c.Ints("dilation_rate")[1]), activation: c.String("activation")),
            "MaxPooling2D" => new MaxPooling2D(Pool(c), Strides(c), c.String("padding")),
            "AveragePooling2D" => new AveragePooling2D(Pool(c), Strides(c), c.String("padding")),
            "GlobalMaxPooling2D" => new GlobalMaxPooling2D(keepDims: c.Bool("keepdims")),
            "GlobalAveragePooling2D" => new GlobalAveragePooling2D(keepDims: c.Bool("keepdims")),
            _ => throw new InvalidOperationException(c.Op),
        };
        layer.Apply(c.Inputs[0]);
        if (layer is Conv2D) layer.SetWeights([c.Inputs[1], c.Inputs[2]]);
        return layer;
    }

    private static Size2D Pool(ReferenceCase c) => (c.Ints("pool_size")[0], c.Ints("pool_size")[1]);

    private static Size2D? Strides(ReferenceCase c) => c.Has("strides") ? (c.Ints("strides")[0], c.Ints("strides")[1]) : null;

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
        var dy = c.Op == "Conv2D" ? c.Inputs[3] : c.Inputs[1];
        using var tape = new GradientTape(persistent: true);
        tape.Watch(x);
        tape.Watch([.. layer.TrainableWeights]);
        var objective = Runtime.Ops.Sum(Runtime.Ops.Multiply(layer.Apply(x), dy));
        TensorAssert.Close(c.Outputs[1], tape.Gradient(objective, x)[0], rtol: 1e-5f, atol: 1e-5f, because: $"{name} dx");
        if (layer is Conv2D)
        {
            var dw = tape.Gradient(objective, layer.TrainableWeights);
            TensorAssert.Close(c.Outputs[2], dw[0], rtol: 1e-5f, atol: 1e-5f, because: $"{name} dkernel");
            TensorAssert.Close(c.Outputs[3], dw[1], rtol: 1e-5f, atol: 1e-5f, because: $"{name} dbias");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InputGradientMatchesFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var layer = Create(c);
        GradientCheck.Check(x => layer.Apply(x[0]), [c.Inputs[0]], name: name);
    }

    [Fact]
    public void Conv2DConfigRoundTripsWithKerasKeys()
    {
        var conv = new Conv2D(8, (3, 5), strides: 2, padding: "same", activation: "relu", useBias: false,
            kernelRegularizer: "l2", activityRegularizer: "l1", name: "c");
        var json = KerasRegistry.Serialize(conv);
        Assert.Equal("Conv2D", (string?)json["class_name"]);
        var config = json["config"]!.AsObject();
        Assert.Equal(
            ["name", "trainable", "dtype", "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups",
             "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
             "activity_regularizer", "kernel_constraint", "bias_constraint"],
            config.Select(p => p.Key));
        Assert.Equal("[3,5]", config["kernel_size"]!.ToJsonString());
        Assert.Equal("[2,2]", config["strides"]!.ToJsonString());
        KerasConfigAssert.RoundTrips(conv);
    }

    [Fact]
    public void PoolingConfigsRoundTripAndStridesDefaultToThePool()
    {
        Layer[] layers =
        [
            new MaxPooling2D(3, padding: "same", name: "m"), new AveragePooling2D((2, 3), strides: 1, name: "a"),
            new GlobalMaxPooling2D(keepDims: true, name: "gm"), new GlobalAveragePooling2D(dataFormat: "channels_first", name: "ga"),
        ];
        foreach (var layer in layers) KerasConfigAssert.RoundTrips(layer);
        Assert.Equal("[3,3]", layers[0].GetConfig()["strides"]!.ToJsonString());
        Assert.Equal(new Shape(-1, 1, 1, 4), layers[2].ComputeOutputShape(new Shape(-1, 5, 5, 4)));
        Assert.Equal(new Shape(-1, 4), layers[3].ComputeOutputShape(new Shape(-1, 4, 5, 5)));
    }

    [Fact]
    public void UnsupportedArgumentsFailClearly()
    {
        Assert.Contains("dilationRate", Assert.Throws<ArgumentException>(() => new Conv2D(4, 3, strides: 2, dilationRate: 2)).Message);
        Assert.Contains("kernelSize", Assert.Throws<ArgumentException>(() => new Conv2D(4, 0)).Message);
        Assert.Contains("padding", Assert.Throws<ArgumentException>(() => new MaxPooling2D(padding: "causal")).Message);
        var rank = Assert.Throws<ArgumentException>(() => new Conv2D(4, 3).Apply(Tensor.Ones(2, 5, 5)));
        Assert.Contains("ndim=4", rank.Message);
    }

    [Fact]
    public void Conv2DActivityRegularizerAddsALoss()
    {
        var conv = new Conv2D(2, 1, activityRegularizer: "l2", kernelInitializer: "ones");
        conv.Apply(Tensor.Ones(1, 2, 2, 1));
        // Four outputs of 1 per filter, two filters: 0.01 * 8.
        Assert.Equal(0.08f, Assert.Single(conv.Losses).Item(), 5);
    }

    [Fact]
    public void TheKerasMnistConvnetReadsFromKerasJsonWithItsParameterCountAndSummary()
    {
        var json = JsonNode.Parse(System.IO.File.ReadAllText(KerasFixtures.PathOf("mnist_convnet.json")))!.AsObject();
        var model = (Sequential)KerasRegistry.Deserialize(json);
        Assert.Equal(34_826, model.CountParams());
        var ours = model.GetConfig()["layers"]!.AsArray();
        var theirs = json["config"]!["layers"]!.AsArray();
        for (var i = 0; i < theirs.Count; i++)
        {
            foreach (var (key, value) in theirs[i]!["config"]!.AsObject())
            {
                if (key is "quantization_config") continue; // Keras 3.15 quantization, not modelled
                Assert.True(ours[i]!["config"]!.AsObject().ContainsKey(key), $"layer {i} config lacks '{key}'");
                var actual = ours[i]!["config"]![key];
                Assert.True(JsonNode.DeepEquals(WithoutInitializerAxes(value), actual), $"layer {i} '{key}': {actual?.ToJsonString()} vs Keras {value?.ToJsonString()}");
            }
        }
    }

    /// <summary>A copy without the input_axes/output_axes keys Keras 3.15 adds to initializer configs (not modelled).</summary>
    private static JsonNode? WithoutInitializerAxes(JsonNode? node)
    {
        var copy = node?.DeepClone();
        if (copy is JsonObject { } o && o["config"] is JsonObject config)
        {
            config.Remove("input_axes");
            config.Remove("output_axes");
        }
        return copy;
    }

    [Fact]
    public void TheMnistConvnetSummaryMatchesKeras()
    {
        var model = new Sequential(
        [
            new InputLayer(new Shape(28, 28, 1)),
            new Conv2D(32, 3, activation: "relu", name: "conv2d"),
            new MaxPooling2D(2, name: "max_pooling2d"),
            new Conv2D(64, 3, activation: "relu", name: "conv2d_1"),
            new MaxPooling2D(2, name: "max_pooling2d_1"),
            new Flatten(name: "flatten"),
            new Dropout(0.5f, name: "dropout"),
            new Dense(10, "softmax", name: "dense"),
        ], name: "sequential");
        const string expected = """
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            │ conv2d (Conv2D)                 │ (None, 26, 26, 32)     │           320 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ max_pooling2d (MaxPooling2D)    │ (None, 13, 13, 32)     │             0 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ conv2d_1 (Conv2D)               │ (None, 11, 11, 64)     │        18,496 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ max_pooling2d_1 (MaxPooling2D)  │ (None, 5, 5, 64)       │             0 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ flatten (Flatten)               │ (None, 1600)           │             0 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dropout (Dropout)               │ (None, 1600)           │             0 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense (Dense)                   │ (None, 10)             │        16,010 │
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 34,826 (136.04 KB)
             Trainable params: 34,826 (136.04 KB)
             Non-trainable params: 0 (0.00 B)

            """;
        Assert.Equal(expected, model.Summary());
        var y = model.PredictOnBatch(GradientCheck.Random(9, 0, 1, 3, 28, 28, 1));
        Assert.Equal(new Shape(3, 10), y.Shape);
    }

    [Fact]
    public void ASmallConvnetLearnsWhereTheBlobIs()
    {
        // 8x8 images with one bright 2x2 blob; the label is 1 when the blob is in the left half.
        var rng = new Random(5);
        const int N = 64;
        var images = new float[N * 64];
        var labels = new int[N];
        for (var i = 0; i < N; i++)
        {
            int r = rng.Next(7), col = rng.Next(7);
            labels[i] = col < 3 ? 1 : 0;
            foreach (var (dr, dc) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) }) images[i * 64 + (r + dr) * 8 + col + dc] = 1f;
        }
        var x = Tensor.FromArray(images, N, 8, 8, 1);
        var y = Tensor.FromArray(labels, N);
        var model = new Sequential([new InputLayer(new Shape(8, 8, 1)),
            new Conv2D(4, 3, activation: "relu", kernelInitializer: new Runtime.Initializers.GlorotUniform(seed: 1)), new MaxPooling2D(2),
            new Flatten(), new Dense(2, "softmax", kernelInitializer: new Runtime.Initializers.GlorotUniform(seed: 2))]);
        model.Compile(new Runtime.Optimizers.Adam(0.02), "sparse_categorical_crossentropy");
        model.Fit(x, y, batchSize: 16, epochs: 40, verbose: 0, shuffle: false);
        var predicted = Runtime.Ops.ArgMax(model.PredictOnBatch(x), -1).ToIntArray();
        Assert.True(predicted.Zip(labels).Count(p => p.First == p.Second) >= N - 2,
            $"{predicted.Zip(labels).Count(p => p.First == p.Second)} of {N} right");
    }
}
