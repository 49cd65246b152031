using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

/// <summary>The Core layers other than Dense and InputLayer: forward values against PyTorch (gen_core_layers.py), gradients, configs, masks, errors.</summary>
public class CoreLayersTests
{
    private const string File = "core_layers.json";

    private static readonly string[] CoreOps = ["activation", "flatten", "reshape", "permute", "repeat_vector", "masking", "embedding"];

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File).Where(r => CoreOps.Contains(ReferenceCases.Get(File, (string)r[0]).Op));

    /// <summary>Cases whose gradient finite differences can check (masking is piecewise constant in the mask; see its own test).</summary>
    public static IEnumerable<object[]> DifferentiableCases => Cases.Where(r => ReferenceCases.Get(File, (string)r[0]).Op != "masking");

    private static Layer Make(ReferenceCase c) => c.Op switch
    {
        "activation" => new Activation(c.String("activation")),
        "flatten" => new Flatten(c.String("data_format")),
        "reshape" => new Reshape(c.Ints("target_shape")),
        "permute" => new Permute(c.Ints("dims")),
        "repeat_vector" => new RepeatVector(c.Int("n")),
        "masking" => new Masking(c.Float("mask_value")),
        "embedding" => new Embedding(c.Int("input_dim"), c.Int("output_dim"), maskZero: true),
        _ => throw new InvalidOperationException(c.Op),
    };

    /// <summary>A layer for the case, built and holding the case's weights (the inputs after the first).</summary>
    private static Layer Built(ReferenceCase c, Tensor[] inputs)
    {
        var layer = Make(c);
        layer.Apply(inputs[0]);
        if (inputs.Length > 1) layer.SetWeights(inputs[1..]);
        return layer;
    }

    private static bool HasMask(ReferenceCase c) => c.Op is "masking" or "embedding";

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var inputs = c.Inputs;
        var layer = Built(c, inputs);
        var y = layer.Apply(inputs[0]);
        var expected = HasMask(c) ? c.Outputs[0] : c.Output;
        TensorAssert.Close(expected, y, rtol: 1e-5f, atol: 1e-6f, because: name);
        Assert.Equal(expected.Shape, layer.ComputeOutputShape(inputs[0].Shape));
        if (HasMask(c))
        {
            TensorAssert.Equal(c.Outputs[1], y.KerasMask!, because: name + " mask");
            TensorAssert.Equal(c.Outputs[1], layer.ComputeMask(inputs[0], null)!, because: name + " ComputeMask");
        }
        else
            Assert.Null(y.KerasMask);
    }

    [Theory]
    [MemberData(nameof(DifferentiableCases))]
    public void GradientsMatchFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var inputs = c.Inputs;
        CheckGradients(Built(c, inputs), inputs[0], name);
    }

    /// <summary>
    /// Checks the gradients of a built layer's output with respect to its input and each of its weights by finite differences.
    /// The weights' own value tensors are the checked inputs (so the tape sees the layer use them); perturbed copies are copied
    /// into them, and the originals restored whenever an evaluation passes the value tensor itself.
    /// </summary>
    private static void CheckGradients(Layer layer, Tensor x, string name)
    {
        var weights = layer.Weights;
        var originals = weights.Select(w => w.Value.ToArray()).ToArray();
        Tensor[] inputs = [x, .. weights.Select(w => w.Value)];
        GradientCheck.Check(xs =>
        {
            for (var i = 0; i < weights.Count; i++)
            {
                var value = ReferenceEquals(xs[i + 1], weights[i].Value)
                    ? Tensor.FromArray(originals[i], weights[i].Shape.ToArray()).Reshape(weights[i].Shape.ToArray())
                    : xs[i + 1];
                weights[i].Assign(value);
            }
            return layer.Apply(xs[0]);
        }, inputs, name: name);
    }

    [Fact]
    public void MaskingGradientIsTheKeepMask()
    {
        var c = ReferenceCases.Get(File, "masking_-1");
        var x = c.Inputs[0];
        var layer = new Masking(-1f);
        using var tape = new GradientTape();
        tape.Watch(x);
        var dx = tape.Gradient(Runtime.Ops.Sum(layer.Apply(x)), x)[0];
        var keep = Runtime.Ops.ExpandDims(c.Outputs[1], -1);
        TensorAssert.Equal(Runtime.Ops.BroadcastTo(keep, x.Shape), dx);
    }

    // ---------------------------------------------------------------- Activation

    [Fact]
    public void ActivationSupportsMaskingAndRejectsUnknownNames()
    {
        var layer = new Activation("relu");
        Assert.True(layer.SupportsMasking);
        Assert.True(layer.Built);
        Assert.Equal(new Shape(-1, 3, 4), layer.ComputeOutputShape(new Shape(-1, 3, 4)));
        var e = Assert.Throws<ArgumentException>(() => new Activation("rellu"));
        Assert.Contains("rellu", e.Message);
        Assert.Contains("relu", e.Message);
    }

    // ---------------------------------------------------------------- Dropout

    [Fact]
    public void DropoutIsTheIdentityAtInferenceAndDropsWhenTraining()
    {
        var x = Tensor.Ones(50, 40);
        var layer = new Dropout(0.25f, seed: 3);
        Assert.Same(x, layer.Apply(x));
        Assert.Same(x, layer.Apply(x, training: false));
        var y = layer.Apply(x, training: true).ToArray();
        Assert.All(y, v => Assert.True(v == 0f || Math.Abs(v - 1f / 0.75f) < 1e-6f, $"unexpected value {v}"));
        var dropped = y.Count(v => v == 0) / (double)y.Length;
        Assert.InRange(dropped, 0.20, 0.30);
        var sum = y.Sum();
        Assert.InRange(sum / x.Size, 0.9, 1.1); // survivors are scaled so the expected sum is unchanged
    }

    [Fact]
    public void DropoutWithSeedIsReproducibleAndAdvancesBetweenCalls()
    {
        var x = Tensor.Ones(8, 16);
        var a = new Dropout(0.5f, seed: 11);
        var b = new Dropout(0.5f, seed: 11);
        var a1 = a.Apply(x, training: true);
        TensorAssert.Equal(a1, b.Apply(x, training: true));
        Assert.NotEqual(a1.ToArray(), a.Apply(x, training: true).ToArray());
    }

    [Fact]
    public void DropoutNoiseShapeSharesTheMaskAlongSizeOneAxes()
    {
        var x = Tensor.Ones(4, 6, 10);
        var layer = new Dropout(0.5f, noiseShape: [-1, 1, 10], seed: 5);
        var y = layer.Apply(x, training: true);
        for (var b = 0; b < 4; b++)
        {
            for (var f = 0; f < 10; f++)
            {
                var first = y[b, 0, f];
                for (var t = 1; t < 6; t++) Assert.Equal(first, y[b, t, f]);
            }
        }
        Assert.Contains(y.ToArray(), v => v == 0);
        Assert.Contains(y.ToArray(), v => v == 2f);
    }

    [Fact]
    public void DropoutRateOneDropsEverythingAndRateZeroNothing()
    {
        var x = GradientCheck.Random(1, -1, 1, 3, 4);
        Assert.All(new Dropout(1f).Apply(x, training: true).ToArray(), v => Assert.Equal(0f, v));
        Assert.Same(x, new Dropout(0f).Apply(x, training: true));
    }

    [Fact]
    public void DropoutGradientIsTheScaledMask()
    {
        var x = GradientCheck.Random(2, -1, 1, 4, 5);
        // A fresh layer with a fixed seed per evaluation draws the same mask each time.
        GradientCheck.Check(xs => new Dropout(0.4f, seed: 9).Apply(xs[0], training: true), [x], name: "dropout");
    }

    [Fact]
    public void DropoutFollowsTheTrainingFlagOfTheEnclosingModel()
    {
        var model = new Sequential([new Dense(30, kernelInitializer: new Runtime.Initializers.Ones()), new Dropout(0.5f, seed: 1)]);
        var x = Tensor.Ones(20, 3);
        Assert.All(model.Apply(x).ToArray(), v => Assert.Equal(3f, v));
        var trained = model.Apply(x, training: true).ToArray();
        Assert.Contains(trained, v => v == 0f);
        Assert.Contains(trained, v => v == 6f);

        // A subclassed model calling its sublayer without a flag passes its own mode down.
        var net = new DropoutNet();
        Assert.All(net.Apply(x).ToArray(), v => Assert.Equal(1f, v));
        Assert.Contains(net.Apply(x, training: true).ToArray(), v => v == 0f);
    }

    private sealed class DropoutNet : Model
    {
        private readonly Dropout _dropout = new(0.5f, seed: 2);

        protected internal override Tensor Call(Tensor inputs, bool training, Tensor? mask) => _dropout.Apply(inputs);
    }

    [Fact]
    public void DropoutArgumentErrorsAreClear()
    {
        var rate = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1.5f));
        Assert.Contains("rate=1.5", rate.Message);
        var noise = Assert.Throws<ArgumentException>(() => new Dropout(0.5f, noiseShape: [2, 0]));
        Assert.Contains("noiseShape", noise.Message);
        var rank = Assert.Throws<ArgumentException>(() => new Dropout(0.5f, noiseShape: [2, 3]).Apply(Tensor.Ones(2, 3, 4), training: true));
        Assert.Contains("rank", rank.Message);
    }

    // ---------------------------------------------------------------- Flatten, Reshape, Permute, RepeatVector

    [Fact]
    public void FlattenShapeRuleHandlesUnknownAndMissingFeatureAxes()
    {
        var flatten = new Flatten();
        Assert.Equal(new Shape(-1, 60), flatten.ComputeOutputShape(new Shape(-1, 3, 4, 5)));
        Assert.Equal(new Shape(-1, -1), flatten.ComputeOutputShape(new Shape(-1, 3, -1)));
        Assert.Equal(new Shape(-1, 1), flatten.ComputeOutputShape(new Shape(-1)));
        Assert.Equal(new Shape(0, 12), flatten.Apply(Tensor.Zeros(0, 3, 4)).Shape);
        var scalar = Assert.Throws<ArgumentException>(() => new Flatten().Apply(Tensor.Scalar(1f)));
        Assert.Contains("min_ndim=1", scalar.Message);
        var format = Assert.Throws<ArgumentException>(() => new Flatten("channels_middle"));
        Assert.Contains("channels_middle", format.Message);
    }

    [Fact]
    public void ReshapeInfersOneDimensionAndReportsSizeMismatches()
    {
        Assert.Equal(new Shape(-1, 3, 4), new Reshape([3, 4]).ComputeOutputShape(new Shape(-1, 12)));
        Assert.Equal(new Shape(-1, 6, 2), new Reshape([-1, 2]).ComputeOutputShape(new Shape(-1, 3, 4)));
        Assert.Equal(new Shape(-1, -1, 2), new Reshape([-1, 2]).ComputeOutputShape(new Shape(-1, -1)));
        var two = Assert.Throws<ArgumentException>(() => new Reshape([-1, -1]));
        Assert.Contains("(-1, -1)", two.Message);
        var size = Assert.Throws<ArgumentException>(() => new Reshape([5], name: "to_five").Apply(Tensor.Ones(2, 6)));
        Assert.Contains("'to_five'", size.Message);
        Assert.Contains("(2, 6)", size.Message);
        Assert.Contains("(5,)", size.Message);
    }

    [Fact]
    public void PermuteValidatesDimsAndInputRank()
    {
        Assert.Equal(new Shape(-1, 64, 10), new Permute([2, 1]).ComputeOutputShape(new Shape(-1, 10, 64)));
        var dims = Assert.Throws<ArgumentException>(() => new Permute([0, 1]));
        Assert.Contains("[0, 1]", dims.Message);
        var rank = Assert.Throws<ArgumentException>(() => new Permute([2, 1], name: "swap").Apply(Tensor.Ones(2, 3)));
        Assert.Contains("\"swap\"", rank.Message);
        Assert.Contains("expected ndim=3, found ndim=2", rank.Message);
    }

    [Fact]
    public void RepeatVectorValidatesNAndInputRank()
    {
        Assert.Equal(new Shape(-1, 3, 32), new RepeatVector(3).ComputeOutputShape(new Shape(-1, 32)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RepeatVector(0));
        var rank = Assert.Throws<ArgumentException>(() => new RepeatVector(2).Apply(Tensor.Ones(2, 3, 4)));
        Assert.Contains("expected ndim=2", rank.Message);
    }

    // ---------------------------------------------------------------- Masking and Embedding

    [Fact]
    public void MaskingMaskFlowsThroughLayersThatSupportMasking()
    {
        var x = ReferenceCases.Get(File, "masking_0").Inputs[0];
        var model = new Sequential([new Masking(), new Dropout(0.5f), new Activation("tanh")]);
        var y = model.Apply(x);
        TensorAssert.Equal(ReferenceCases.Get(File, "masking_0").Outputs[1], y.KerasMask!);
        Assert.True(new Masking().SupportsMasking);
    }

    [Fact]
    public void EmbeddingCreatesItsWeightAndChecksIndices()
    {
        var layer = new Embedding(20, 6, name: "emb");
        var indices = Tensor.FromArray([1, 0, 19, 5], 2, 2);
        var y = layer.Apply(indices);
        Assert.Equal(new Shape(2, 2, 6), y.Shape);
        Assert.Equal(DType.Float32, y.DType);
        Assert.Null(y.KerasMask);
        var weight = Assert.Single(layer.Weights);
        Assert.Equal("embeddings", weight.Name);
        Assert.Equal("emb/embeddings", weight.Path);
        Assert.Equal(new Shape(20, 6), weight.Shape);
        Assert.Equal(120, layer.CountParams());
        Assert.All(weight.Value.ToArray(), v => Assert.InRange(v, -0.05f, 0.05f)); // "uniform": RandomUniform(-0.05, 0.05)

        // Float indices holding integers are accepted.
        TensorAssert.Equal(y, layer.Apply(Tensor.FromArray([1f, 0f, 19f, 5f], 2, 2)));
        var fraction = Assert.Throws<ArgumentException>(() => layer.Apply(Tensor.FromArray([1.5f], 1, 1)));
        Assert.Contains("integer", fraction.Message);
        var high = Assert.Throws<ArgumentOutOfRangeException>(() => layer.Apply(Tensor.FromArray([3, 20], 1, 2)));
        Assert.Contains("index 20", high.Message);
        Assert.Contains("[0, 20)", high.Message);
        Assert.Contains("'emb'", high.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => layer.Apply(Tensor.FromArray([-1], 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(4, 0));
    }

    [Fact]
    public void EmbeddingAppliesToSymbolicIntInputsAndLearnsWithATape()
    {
        var input = InputLayer.Create(new Shape(5), dtype: DType.Int32);
        var embedding = new Embedding(10, 3, maskZero: true);
        var output = embedding.Apply(input);
        Assert.Equal(new Shape(-1, 5, 3), output.Shape);
        Assert.Equal(DType.Float32, output.DType);
        Assert.True(embedding.SupportsMasking);

        var indices = Tensor.FromArray([1, 2, 3, 0, 0, 4, 4, 0, 0, 0], 2, 5);
        using var tape = new GradientTape();
        var loss = Runtime.Ops.Sum(embedding.Apply(indices));
        var grad = tape.Gradient(loss, embedding.TrainableWeights)[0];
        // The gradient of a gathered row is the number of times its index appears.
        var counts = new float[10];
        foreach (var i in indices.ToIntArray()) counts[i]++;
        for (var row = 0; row < 10; row++)
            for (var col = 0; col < 3; col++) Assert.Equal(counts[row], grad[row, col]);
    }

    [Fact]
    public void EmbeddingRegularizersAddLosses()
    {
        var layer = new Embedding(4, 2, embeddingsRegularizer: new L2(0.5f), activityRegularizer: new L1(0.25f));
        layer.Apply(Tensor.FromArray([1, 2], 1, 2));
        layer.SetWeights([Tensor.FromArray([0f, 0f, 1f, -1f, 2f, 2f, 0f, 0f], 4, 2)]);
        var y = layer.Apply(Tensor.FromArray([1, 2], 1, 2));
        var losses = layer.Losses;
        Assert.Equal(2, losses.Count);
        Assert.Equal(0.5f * (1 + 1 + 4 + 4), losses[0].Item(), 5);
        Assert.Equal(0.25f * (1 + 1 + 2 + 2), losses[1].Item(), 5);
        Assert.Equal([1f, -1f, 2f, 2f], y.ToArray());
    }

    // ---------------------------------------------------------------- Lambda

    [Fact]
    public void LambdaComputesItsFunctionAndInfersOrTakesTheOutputShape()
    {
        var square = new Lambda(x => Runtime.Ops.Square(x));
        var x = GradientCheck.Random(3, -2, 2, 2, 3);
        TensorAssert.Equal(Runtime.Ops.Square(x), square.Apply(x));
        Assert.Equal(new Shape(-1, 3), square.ComputeOutputShape(new Shape(-1, 3)));
        var sum = new Lambda(x => Runtime.Ops.Sum(x, axis: 1, keepDims: true));
        Assert.Equal(new Shape(-1, 1), sum.Apply(InputLayer.Create(new Shape(4))).Shape);
        var declared = new Lambda(x => Runtime.Ops.Sum(x, axis: 1, keepDims: true), outputShape: [1]);
        Assert.Equal(new Shape(-1, 1), declared.ComputeOutputShape(new Shape(-1, 4)));
        GradientCheck.Check(xs => square.Apply(xs[0]), [x], name: "lambda");

        var broken = new Lambda(x => Runtime.Ops.Reshape(x, 5));
        var e = Assert.Throws<InvalidOperationException>(() => broken.ComputeOutputShape(new Shape(-1, 3)));
        Assert.Contains("outputShape", e.Message);
    }

    [Fact]
    public void LambdaSerializesOnlyThroughARegisteredFunction()
    {
        var closure = new Lambda(x => x * 3f, name: "triple");
        var e = Assert.Throws<InvalidOperationException>(() => KerasRegistry.Serialize(closure));
        Assert.Contains("'triple'", e.Message);
        Assert.Contains("LambdaFunctions.Register", e.Message);

        Func<Tensor, Tensor> cube = x => x * x * x;
        LambdaFunctions.Register("CoreLayersTests>cube", cube);
        var layer = new Lambda(cube, outputShape: [3]);
        Assert.Equal("CoreLayersTests>cube", layer.FunctionName);
        var config = layer.GetConfig();
        Assert.Equal("function", (string?)config["function"]!["class_name"]);
        Assert.Equal("CoreLayersTests>cube", (string?)config["function"]!["registered_name"]);
        Assert.Equal("[3]", config["output_shape"]!.ToJsonString());
        var back = KerasConfigAssert.RoundTrips(layer);
        var x = GradientCheck.Random(4, -1, 1, 2, 3);
        TensorAssert.Equal(layer.Apply(x), back.Apply(x));
        TensorAssert.Equal(layer.Apply(x), new Lambda("CoreLayersTests>cube").Apply(x));
    }

    [Fact]
    public void LambdaLoadingNeverRunsCodeAndNamesMissingFunctions()
    {
        var pythonLambda = (JsonObject)JsonNode.Parse(
            """{"module": "keras.layers", "class_name": "Lambda", "config": {"name": "lambda", "function": {"class_name": "__lambda__", "config": {"code": "4wEAAAAAAAAA", "defaults": null, "closure": null}}, "arguments": {}}}""")!;
        var e = Assert.Throws<NotSupportedException>(() => KerasRegistry.Deserialize(pythonLambda));
        Assert.Contains("never runs code", e.Message);

        var unknown = (JsonObject)JsonNode.Parse(
            """{"module": "keras.layers", "class_name": "Lambda", "config": {"name": "lambda", "function": {"module": "__main__", "class_name": "function", "config": "nowhere", "registered_name": "Custom>nowhere"}, "arguments": {}}}""")!;
        var missing = Assert.Throws<KeyNotFoundException>(() => KerasRegistry.Deserialize(unknown));
        Assert.Contains("Custom>nowhere", missing.Message);
        Assert.Contains("LambdaFunctions.Register", missing.Message);
    }

    // ---------------------------------------------------------------- Identity

    [Fact]
    public void IdentityReturnsItsInputAndMask()
    {
        var x = GradientCheck.Random(5, -1, 1, 2, 3);
        var layer = new Identity();
        Assert.Same(x, layer.Apply(x));
        Assert.True(layer.SupportsMasking);
        Assert.Equal(new Shape(-1, 7), layer.ComputeOutputShape(new Shape(-1, 7)));
        var masked = new Sequential([new Embedding(5, 2, maskZero: true), new Identity()]).Apply(Tensor.FromArray([0, 3], 1, 2));
        Assert.Equal([0f, 1f], masked.KerasMask!.ToArray());
    }

    [Fact]
    public void Keras2EmbeddingConfigWithInputLengthLoads()
    {
        var config = (JsonObject)JsonNode.Parse(
            """{"name": "embedding", "trainable": true, "batch_input_shape": [null, 9], "dtype": "float32", "input_dim": 20, "output_dim": 6, "embeddings_initializer": {"class_name": "RandomUniform", "config": {"minval": -0.05, "maxval": 0.05, "seed": null}}, "embeddings_regularizer": null, "activity_regularizer": null, "embeddings_constraint": null, "mask_zero": true, "input_length": 9}""")!;
        var layer = (Embedding)KerasRegistry.Create(null, "Embedding", config);
        Assert.Equal((20, 6, true), (layer.InputDim, layer.OutputDim, layer.MaskZero));
        Assert.IsType<Runtime.Initializers.RandomUniform>(layer.EmbeddingsInitializer);
        Assert.False(layer.GetConfig().ContainsKey("input_length")); // Keras 3 dropped it
    }

    [Fact]
    public void IdentityLayerDoesNotShadowTheIdentityInitializer()
    {
        // Keras 2 configs name classes without a module; "Identity" inside an initializer slot is still the initializer.
        var config = (JsonObject)JsonNode.Parse("""{"units": 2, "kernel_initializer": {"class_name": "Identity", "config": {"gain": 2.0}}}""")!;
        var dense = (Dense)KerasRegistry.Create(null, "Dense", config);
        Assert.IsType<Runtime.Initializers.Identity>(dense.KernelInitializer);
        Assert.IsType<Identity>(KerasRegistry.Deserialize((JsonObject)JsonNode.Parse("""{"class_name": "Identity", "config": {"name": "id"}}""")!));
    }

    // ---------------------------------------------------------------- configs

    public static IEnumerable<object[]> ConfiguredLayers => ConfiguredLayer.Keys.Select(k => new object[] { k });

    private static readonly Dictionary<string, Func<Layer>> ConfiguredLayer = new()
    {
        ["activation"] = () => new Activation("softmax", name: "act"),
        ["dropout"] = () => new Dropout(0.3f, noiseShape: [-1, 1, 4], seed: 7, name: "drop"),
        ["flatten"] = () => new Flatten("channels_first", trainable: false),
        ["reshape"] = () => new Reshape([-1, 4]),
        ["permute"] = () => new Permute([3, 1, 2]),
        ["repeat_vector"] = () => new RepeatVector(5),
        ["masking"] = () => new Masking(-1.5f),
        ["embedding"] = () => new Embedding(
            100, 8, embeddingsInitializer: new Runtime.Initializers.RandomNormal(stddev: 0.1f, seed: 3), embeddingsRegularizer: new L2(0.01f),
            embeddingsConstraint: new Runtime.Constraints.MaxNorm(2f), maskZero: true, activityRegularizer: new L1(0.1f)),
        ["identity"] = () => new Identity(name: "same"),
    };

    [Theory]
    [MemberData(nameof(ConfiguredLayers))]
    public void ConfigsRoundTripThroughTheRegistry(string key)
    {
        var layer = ConfiguredLayer[key]();
        var back = KerasConfigAssert.RoundTrips(layer);
        Assert.Equal(layer.Name, back.Name);
        Assert.Equal(layer.Trainable, back.Trainable);
    }

    /// <summary>Configs written by Keras 3.15 (the shared fixtures' mnist_convnet, batch_normalization and embedding_mask_lstm models).</summary>
    [Theory]
    [InlineData("""{"name": "dropout", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}, "rate": 0.5, "seed": null, "noise_shape": null}""", "Dropout")]
    [InlineData("""{"name": "flatten", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}, "data_format": "channels_last"}""", "Flatten")]
    [InlineData("""{"name": "activation", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}, "activation": "relu"}""", "Activation")]
    [InlineData("""{"name": "embedding", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}, "input_dim": 20, "output_dim": 6, "embeddings_initializer": {"module": "keras.initializers", "class_name": "RandomUniform", "config": {"seed": null, "minval": -0.05, "maxval": 0.05}, "registered_name": null}, "embeddings_regularizer": null, "activity_regularizer": null, "embeddings_constraint": null, "mask_zero": true, "quantization_config": null}""", "Embedding")]
    public void KerasConfigsLoadAndAreWrittenBackIdentically(string json, string className)
    {
        var config = (JsonObject)JsonNode.Parse(json)!;
        var layer = (Layer)KerasRegistry.Create("keras.layers", className, config);
        Assert.Equal(className, layer.ClassName);
        var written = JsonNode.Parse(layer.GetConfig().ToJsonString())!;
        Assert.True(JsonNode.DeepEquals(config, written), $"Keras wrote {config.ToJsonString()}, NotebookKeras wrote {written.ToJsonString()}");
    }

    [Fact]
    public void LayersBuiltAtConstructionRecordNoBuildShape()
    {
        // As Keras's _build_at_init: these layers carry no build_config in a Sequential's config.
        Layer[] atInit = [new Activation("relu"), new Dropout(0.1f), new Reshape([4]), new Identity()];
        Assert.All(atInit, l => Assert.True(l.Built));
        var model = new Sequential([new InputLayer(new Shape(2, 2)), new Flatten(), new Dropout(0.5f)]);
        var layers = (JsonArray)model.GetConfig()["layers"]!;
        Assert.NotNull(layers[1]!["build_config"]);
        Assert.Null(layers[2]!["build_config"]);
    }
}
