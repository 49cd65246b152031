using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Layers.Pooling;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

public sealed class PoolingLayersTests : IDisposable
{
    private const string File = "pooling_layers.json";

    private readonly string _dir = Directory.CreateTempSubdirectory("nk-pooling-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    /// <summary>The case's layer, created from its Keras config (so the registry's readers are exercised too).</summary>
    private static Layer Create(ReferenceCase c)
    {
        var config = new System.Text.Json.Nodes.JsonObject { ["name"] = c.Name };
        foreach (var arg in c.Args.EnumerateObject()) config[arg.Name] = System.Text.Json.Nodes.JsonNode.Parse(arg.Value.GetRawText());
        var envelope = new System.Text.Json.Nodes.JsonObject { ["module"] = "keras.layers", ["class_name"] = c.Op, ["config"] = config };
        return KerasRegistry.Deserialize<Layer>(envelope);
    }

    private static Tensor? Mask(ReferenceCase c) => c.Inputs.Length > 2 ? c.Inputs[2] : null;

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var layer = Create(c);
        var y = layer.Apply(c.Inputs[0], mask: Mask(c));
        TensorAssert.Close(c.Outputs[0], y, rtol: 1e-5f, atol: 1e-6f, because: name);
        Assert.Equal(layer.ComputeOutputShape(c.Inputs[0].Shape.WithDim(0, -1)), y.Shape.WithDim(0, -1));
        Assert.Null(y.KerasMask);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InputGradientMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var layer = Create(c);
        var (x, dy) = (c.Inputs[0], c.Inputs[1]);
        using var tape = new GradientTape();
        tape.Watch(x);
        var objective = Runtime.Ops.Sum(Runtime.Ops.Multiply(layer.Apply(x, mask: Mask(c)), dy));
        TensorAssert.Close(c.Outputs[1], tape.Gradient(objective, [x])[0], rtol: 1e-5f, atol: 1e-6f, because: name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InputGradientMatchesFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var layer = Create(c);
        GradientCheck.Check(x => layer.Apply(x[0], mask: Mask(c)), [c.Inputs[0]], name: name);
    }

    [Fact]
    public void ConfigsUseKerasKeysAndDefaultsAndRoundTrip()
    {
        Layer[] layers =
        [
            new MaxPooling1D(), new MaxPooling2D(), new MaxPooling3D(), new AveragePooling1D(3, 1, "same", "channels_first"),
            new AveragePooling2D((2, 3), 1), new AveragePooling3D((1, 2, 3), padding: "SAME"),
            new GlobalMaxPooling1D(), new GlobalMaxPooling2D(keepDims: true), new GlobalMaxPooling3D("channels_first"),
            new GlobalAveragePooling1D(keepDims: true), new GlobalAveragePooling2D(), new GlobalAveragePooling3D(),
        ];
        foreach (var layer in layers) KerasConfigAssert.RoundTrips(layer);
        Assert.Equal(["name", "trainable", "dtype", "pool_size", "padding", "strides", "data_format"], layers[0].GetConfig().Select(p => p.Key));
        Assert.Equal(["name", "trainable", "dtype", "data_format", "keepdims"], layers[6].GetConfig().Select(p => p.Key));
        Assert.Equal("[2]", layers[0].GetConfig()["strides"]!.ToJsonString());
        Assert.Equal("[2,2,2]", layers[2].GetConfig()["pool_size"]!.ToJsonString());
        Assert.Equal("[1]", layers[3].GetConfig()["strides"]!.ToJsonString());
        Assert.Equal("same", layers[5].GetConfig()["padding"]!.GetValue<string>());
        Assert.Equal("channels_last", layers[10].GetConfig()["data_format"]!.GetValue<string>());
        Assert.Equal(3, ((AveragePooling1D)layers[3]).PoolSize);
        Assert.Equal(new Runtime.Layers.Reshaping.Size3D(1, 2, 3), ((AveragePooling3D)layers[5]).Strides);
    }

    [Fact]
    public void KerasConfigsWithIntSizesRead()
    {
        var json = """{"module": "keras.layers", "class_name": "MaxPooling3D", "config": {"name": "m", "pool_size": 3, "strides": [1, 2, 1], "padding": "valid", "data_format": "channels_last"}}""";
        var layer = (MaxPooling3D)KerasRegistry.Deserialize<Layer>(System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject());
        Assert.Equal(new Runtime.Layers.Reshaping.Size3D(3, 3, 3), layer.PoolSize);
        Assert.Equal(new Runtime.Layers.Reshaping.Size3D(1, 2, 1), layer.Strides);
        var bad = """{"module": "keras.layers", "class_name": "MaxPooling1D", "config": {"pool_size": [2, 2]}}""";
        var error = Assert.Throws<FormatException>(() => KerasRegistry.Deserialize<Layer>(System.Text.Json.Nodes.JsonNode.Parse(bad)!.AsObject()));
        Assert.Contains("MaxPooling1D", error.Message);
        Assert.Contains("pool_size", error.Message);
    }

    [Fact]
    public void OutputShapesFollowTheDataFormat()
    {
        Assert.Equal(new Shape(-1, 4, 5), new MaxPooling1D(dataFormat: "channels_first").ComputeOutputShape(new Shape(-1, 4, 10)));
        Assert.Equal(new Shape(-1, 3, 4, -1), new AveragePooling2D(2, dataFormat: "channels_first").ComputeOutputShape(new Shape(-1, 3, 8, -1)));
        Assert.Equal(new Shape(-1, 2, 3, 3, 6), new MaxPooling3D(padding: "same").ComputeOutputShape(new Shape(-1, 4, 5, 6, 6)));
        Assert.Equal(new Shape(-1, 6, 1, 1, 1), new GlobalAveragePooling3D("channels_first", keepDims: true).ComputeOutputShape(new Shape(-1, 6, 4, 5, 6)));
        Assert.Equal(new Shape(-1, 1, 7), new GlobalMaxPooling1D(keepDims: true).ComputeOutputShape(new Shape(-1, 9, 7)));
    }

    [Fact]
    public void ArgumentErrorsNameTheLayerAndArgument()
    {
        var pool = Assert.Throws<ArgumentException>(() => new MaxPooling1D(0));
        Assert.Contains("MaxPooling1D", pool.Message);
        Assert.Contains("poolSize", pool.Message);
        var strides = Assert.Throws<ArgumentException>(() => new AveragePooling3D(strides: (1, 0, 1)));
        Assert.Contains("strides", strides.Message);
        Assert.Contains("dataFormat", Assert.Throws<ArgumentException>(() => new GlobalMaxPooling3D("channels_middle")).Message);
        Assert.Contains("ndim=3", Assert.Throws<ArgumentException>(() => new MaxPooling1D().Apply(Tensor.Ones(2, 4, 4, 1))).Message);
    }

    [Fact]
    public void GlobalAveragePooling1DAveragesTheUnmaskedEmbeddingsOfAModel()
    {
        // Index 0 is padding: the mean must ignore it, so a padded sequence gives the same output as the unpadded one.
        var model = new Sequential([new InputLayer(new Shape(-1), dtype: DType.Int32), new Embedding(5, 3, maskZero: true), new GlobalAveragePooling1D()]);
        var padded = model.PredictOnBatch(Tensor.FromArray(new[] { 1, 4, 2, 0, 0 }, 1, 5));
        var plain = model.PredictOnBatch(Tensor.FromArray(new[] { 1, 4, 2 }, 1, 3));
        TensorAssert.Close(plain, padded, because: "masked mean");
    }

    [Fact]
    public void APoolingModelSavesAndLoadsWithTheSamePredictions()
    {
        var model = new Sequential(
        [
            new InputLayer(new Shape(3, 8, 8)), new AveragePooling2D(2, dataFormat: "channels_first"), new MaxPooling2D(2, 1, "same", "channels_first"),
            new GlobalMaxPooling2D("channels_first"), new Dense(2),
        ]);
        var path = Path.Combine(_dir, "pooling.keras");
        model.Save(path);
        var copy = Model.Load(path);
        var x = GradientCheck.Random(3, -1, 1, 2, 3, 8, 8);
        TensorAssert.Equal(model.Predict(x, verbose: 0), copy.Predict(x, verbose: 0));
        Assert.Equal(model.GetConfig().ToJsonString(), copy.GetConfig().ToJsonString());
    }
}
