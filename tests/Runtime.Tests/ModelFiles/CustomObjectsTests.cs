using System.IO.Compression;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.ModelFiles;

/// <summary>
/// Custom layers through files, as Keras's register_keras_serializable and custom_objects: the seed's SimpleDense (a user
/// layer with its own GetConfig) saves as "MyPkg>SimpleDense" and loads back; unknown classes and functions are refused
/// with an error that says how to register them.
/// </summary>
public sealed class CustomObjectsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nk-custom-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AttributeRegisteredLayerSavesAsKerasDoesAndLoadsBack()
    {
        var model = new Sequential([new InputLayer(batchShape: new Shape(-1, 3)), new SimpleDense(units: 4, name: "simple")]);
        var path = Path.Combine(_dir, "simple.keras");
        model.Save(path);

        var layer = ConfigJson(path)["config"]!["layers"]![1]!;
        Assert.Equal(typeof(SimpleDense).Namespace, (string?)layer["module"]);
        Assert.Equal("SimpleDense", (string?)layer["class_name"]);
        Assert.Equal("MyPkg>SimpleDense", (string?)layer["registered_name"]);
        Assert.Equal(4, (int)layer["config"]!["units"]!);

        var loaded = Model.Load(path);
        Assert.IsType<SimpleDense>(loaded.Layers[0]);
        var x = Tensor.FromArray([1f, 2f, 3f, -1f, 0.5f, 0f], 2, 3);
        TensorAssert.Equal(model.Predict(x, verbose: 0), loaded.Predict(x, verbose: 0));
    }

    [Fact]
    public void MarkedClassesAreFoundByNameWhenFirstNeeded()
    {
        // ScannedDense is never used before this load: its name is found by scanning for the attribute.
        var json = """
            {"module": "somewhere", "class_name": "Sequential", "config": {"name": "s", "layers": [
              {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 2], "name": "in"}, "registered_name": null},
              {"module": "my_module", "class_name": "ScannedDense", "config": {"name": "scanned", "units": 3, "use_bias": false}, "registered_name": "Scanned>Dense"}]},
             "registered_name": null}
            """;
        var model = Model.FromJson(json);
        var layer = Assert.IsType<ScannedDense>(model.Layers[0]);
        Assert.Equal(3, layer.Units);
        Assert.False(layer.UseBias);
    }

    [Fact]
    public void CodeRegisteredLayerRoundTrips()
    {
        KerasRegistry.RegisterSerializable<CodeDense>("Code");
        var model = new Sequential([new InputLayer(batchShape: new Shape(-1, 2)), new CodeDense(units: 2)]);
        var copy = Model.FromJson(model.ToJson());
        Assert.Equal("Code>CodeDense", (string?)JsonNode.Parse(model.ToJson())!["config"]!["layers"]![1]!["registered_name"]);
        Assert.Equal(2, Assert.IsType<CodeDense>(copy.Layers[0]).Units);
    }

    [Fact]
    public void UnknownClassIsRefusedWithHowToRegisterIt_AndCustomObjectsResolveIt()
    {
        var model = new Sequential([new InputLayer(batchShape: new Shape(-1, 2)), new UnmarkedDense(units: 5)]);
        var path = Path.Combine(_dir, "unmarked.keras");
        model.Save(path);

        var e = Assert.Throws<KerasFormatException>(() => Model.Load(path));
        Assert.Contains("'UnmarkedDense'", e.Message);
        Assert.Contains("RegisterKerasSerializable", e.Message);
        Assert.Contains("customObjects", e.Message);

        var loaded = Model.Load(path, customObjects: new Dictionary<string, Type> { ["UnmarkedDense"] = typeof(UnmarkedDense) });
        Assert.Equal(5, Assert.IsType<UnmarkedDense>(loaded.Layers[0]).Units);
        var x = Tensor.Ones(1, 2);
        TensorAssert.Equal(model.Predict(x, verbose: 0), loaded.Predict(x, verbose: 0));
        // The custom objects apply to that load only.
        Assert.Throws<KerasFormatException>(() => Model.Load(path));
    }

    [Fact]
    public void LambdaWithRegisteredFunctionRoundTrips_UnknownFunctionIsRefused()
    {
        LambdaFunctions.Register("CustomObjectsTests>triple", x => x * 3f);
        var model = new Sequential([new InputLayer(batchShape: new Shape(-1, 2)), new Lambda("CustomObjectsTests>triple")]);
        var path = Path.Combine(_dir, "lambda.keras");
        model.Save(path);
        var x = Tensor.FromArray([1f, -2f], 1, 2);
        TensorAssert.Equal(Tensor.FromArray([3f, -6f], 1, 2), Model.Load(path).Predict(x, verbose: 0));

        var json = model.ToJson().Replace("CustomObjectsTests>triple", "CustomObjectsTests>never_registered");
        var e = Assert.Throws<KerasFormatException>(() => Model.FromJson(json));
        Assert.Contains("CustomObjectsTests>never_registered", e.Message);
        Assert.Contains("LambdaFunctions.Register", e.Message);
    }

    private static JsonNode ConfigJson(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry("config.json")!.Open());
        return JsonNode.Parse(reader.ReadToEnd())!;
    }

    /// <summary>The seed's SimpleDense, with the GetConfig a Keras user adds to save it.</summary>
    [RegisterKerasSerializable("MyPkg")]
    public sealed class SimpleDense(int units = 32, string? name = null) : Layer(name)
    {
        private Variable? _w;
        private Variable? _b;

        public int Units => units;

        public override void Build(Shape inputShape)
        {
            _w = AddWeight(new Shape(inputShape[-1], units), "random_normal", trainable: true);
            _b = AddWeight(new Shape(units), "random_normal", trainable: true);
        }

        protected internal override Tensor Call(Tensor inputs) => Runtime.Ops.MatMul(inputs, _w!) + _b!;

        public override JsonObject GetConfig()
        {
            var config = base.GetConfig();
            config["units"] = units;
            return config;
        }
    }

    [RegisterKerasSerializable("Scanned", "Dense")]
    public sealed class ScannedDense(int units, bool useBias = true, string? name = null) : Layer(name)
    {
        public int Units => units;

        public bool UseBias => useBias;

        protected internal override Tensor Call(Tensor inputs) => inputs;

        public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
    }

    public sealed class CodeDense(int units, string? name = null) : Layer(name)
    {
        public int Units => units;

        protected internal override Tensor Call(Tensor inputs) => inputs;

        public override JsonObject GetConfig()
        {
            var config = base.GetConfig();
            config["units"] = units;
            return config;
        }
    }

    public sealed class UnmarkedDense(int units, string? name = null) : Layer(name)
    {
        private Variable? _w;

        public int Units => units;

        public override void Build(Shape inputShape) => _w = AddWeight(new Shape(inputShape[-1], units), "glorot_uniform");

        protected internal override Tensor Call(Tensor inputs) => Runtime.Ops.MatMul(inputs, _w!);

        public override JsonObject GetConfig()
        {
            var config = base.GetConfig();
            config["units"] = units;
            return config;
        }
    }
}
