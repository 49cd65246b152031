using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Saving.Tfjs;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.ModelFiles;

/// <summary>Models saved by TensorFlow.js load and reproduce TensorFlow.js's predictions; broken files give clear errors.</summary>
public sealed class TfjsLayersModelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nk-tfjs-").FullName;

    public static TheoryData<string> Models => new(TfjsFixtures.Models);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [MemberData(nameof(Models))]
    public void PredictsAsTensorFlowJs(string name) => AssertPredictsAsTfjs(name, TfjsLayersModel.Load(TfjsFixtures.ModelJson(name)));

    [Fact]
    public void ReadsTheConvertersWrappedTopologyAndScopedWeightNames()
    {
        // The tensorflowjs converter writes {keras_version, backend, model_config} and Keras 2's "layer/weight:0" names.
        var path = CopyOf("functional_merge", json =>
        {
            var topology = json["modelTopology"]!.AsObject();
            json["modelTopology"] = new JsonObject
            {
                ["keras_version"] = "2.15.0",
                ["backend"] = "tensorflow",
                ["model_config"] = new JsonObject { ["class_name"] = "Functional", ["config"] = topology["config"]!.DeepClone() },
            };
            foreach (var weight in Weights(json)) weight!["name"] = (string)weight["name"]! + ":0";
        });
        AssertPredictsAsTfjs("functional_merge", TfjsLayersModel.Load(path));
    }

    [Fact]
    public void ReadsASequentialConfigThatIsAListOfLayers()
    {
        // Keras before 2.2.5 wrote a Sequential's config as the list of its layers; files converted from it keep that form.
        var path = CopyOf("mlp", json =>
        {
            var topology = json["modelTopology"]!.AsObject();
            topology["config"] = topology["config"]!["layers"]!.DeepClone();
        });
        AssertPredictsAsTfjs("mlp", TfjsLayersModel.Load(path));
    }

    [Fact]
    public void CompilesAModelSavedCompiledAndSkipsItsOptimizerState()
    {
        // nested_trained was compiled with Adam(0.01) and mean squared error, trained a step, and saved with its optimizer's slots.
        var model = TfjsLayersModel.Load(TfjsFixtures.ModelJson("nested_trained"));
        Assert.True(model.Compiled);
        var optimizer = Assert.IsType<Runtime.Optimizers.Adam>(model.Optimizer);
        Assert.Equal(0.01f, optimizer.LearningRate, 6);
        Assert.Equal(0.999f, optimizer.Beta2, 6);
        Assert.False(TfjsLayersModel.Load(TfjsFixtures.ModelJson("mlp")).Compiled);
        var loss = model.Evaluate(TfjsFixtures.Inputs("nested_trained"), TfjsFixtures.Outputs("nested_trained"), verbose: 0);
        Assert.InRange(loss.Loss, 0, 1e-10); // compiled with the loss it was trained with: MSE against its own predictions
    }

    [Fact]
    public void TrainingConfigsKerasCannotFollowLeaveTheModelUncompiled()
    {
        var path = CopyOf("nested_trained", json => json["trainingConfig"]!["optimizer_config"]!["class_name"] = "FancyOptimizer");
        Assert.False(TfjsLayersModel.Load(path).Compiled);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        path = CopyOf("nested_trained", json => json["trainingConfig"]!["loss"] = "no_such_loss");
        Assert.False(TfjsLayersModel.Load(path).Compiled);
    }

    [Theory]
    [InlineData("hard_sigmoid_lstm", "recurrent_activation 'hard_sigmoid'")]
    [InlineData("bilinear_upsampling", "bilinear interpolation")]
    public void RefusesComputationsThatKeras3Changed(string name, string reason)
    {
        var e = Assert.Throws<KerasFormatException>(() => TfjsLayersModel.Load(TfjsFixtures.ModelJson(name)));
        Assert.Contains(reason, e.Message);
        Assert.Contains("model.json", e.Message);
    }

    public static TheoryData<string, string> BrokenFiles => new()
    {
        { "missing shard", "does not exist" },
        { "short shard", "hold 276 bytes, but its weights need 280" },
        { "long shard", "hold 284 bytes, but its weights need 280" },
        { "unknown layer", "'nowhere/kernel' names no layer" },
        { "wrong weight name", "'hidden/bias_x' is in the place of layer 'hidden''s weight 1, which is 'bias'" },
        { "wrong shape", "has shape [5, 6], but the model's" },
        { "missing weight", "no entry for 1 of the model's weights: dense_Dense2/bias" },
        { "extra weight", "one more than layer 'hidden' has" },
        { "escaping shard path", "must be a file name relative" },
        { "unknown dtype", "dtype 'complex64'" },
        { "unknown quantization", "quantization dtype 'int4'" },
        { "quantization without scale", "lacks 'scale' and 'min'" },
        { "absurd shape", "claim more bytes than one array can hold" },
        { "negative dimension", "negative dimension" },
        { "graph model", "'graph-model'" },
        { "no topology", "no 'modelTopology'" },
        { "topology without model", "neither a model" },
        { "unknown layer class", "Unknown Keras Layer 'FancyLayer'" },
        { "bad manifest", "'weightsManifest' must be a list" },
        { "not json", "is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void BrokenFilesAreClearErrors(string kind, string message)
    {
        var path = Broken(kind);
        var e = Assert.Throws<KerasFormatException>(() => TfjsLayersModel.Load(path));
        Assert.Contains(message, e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void MissingFileIsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => TfjsLayersModel.Load(Path.Combine(_dir, "none", "model.json")));

    internal static void AssertPredictsAsTfjs(string name, Model model)
    {
        var outputs = model.PredictMany(TfjsFixtures.Inputs(name), verbose: 0);
        var expected = TfjsFixtures.Outputs(name);
        Assert.Equal(expected.Length, outputs.Count);
        for (var i = 0; i < expected.Length; i++) TensorAssert.Close(expected[i], outputs[i], 1e-5f, 1e-5f, $"{name} output {i}");
    }

    // A copy of mlp (hidden: Dense 6->5; then Dense 5->4 without bias, dense_Dense2 4->3: 30+5+20+12+3 = 70 floats, 280
    // bytes), broken one way.
    private string Broken(string kind)
    {
        var shard = "group1-shard1of1.bin";
        var path = CopyOf("mlp", json =>
        {
            var weights = Weights(json);
            var hiddenBias = weights.First(w => (string)w!["name"]! == "hidden/bias")!;
            switch (kind)
            {
                case "unknown layer": weights[0]!["name"] = "nowhere/kernel"; break;
                case "wrong weight name": hiddenBias["name"] = "hidden/bias_x"; break;
                case "wrong shape": weights[0]!["shape"] = new JsonArray(5, 6); break;
                case "missing weight": weights.RemoveAt(weights.Count - 1); break;
                case "extra weight": weights.Add(new JsonObject { ["name"] = "hidden/extra", ["shape"] = new JsonArray(1), ["dtype"] = "float32" }); break;
                case "escaping shard path": json["weightsManifest"]![0]!["paths"] = new JsonArray("../mlp/" + shard); break;
                case "unknown dtype": weights[0]!["dtype"] = "complex64"; break;
                case "unknown quantization": weights[0]!["quantization"] = new JsonObject { ["dtype"] = "int4" }; break;
                case "quantization without scale": weights[0]!["quantization"] = new JsonObject { ["dtype"] = "uint8" }; break;
                case "absurd shape":
                    // Optimizer state is skipped rather than matched to a variable, so only the byte count bounds it.
                    weights.Add(new JsonObject { ["name"] = "iter", ["shape"] = new JsonArray(int.MaxValue, int.MaxValue, int.MaxValue), ["dtype"] = "float32", ["group"] = "optimizer" });
                    break;
                case "negative dimension": weights[0]!["shape"] = new JsonArray(-6, 5); break;
                case "graph model": json["format"] = "graph-model"; break;
                case "no topology": json.Remove("modelTopology"); break;
                case "topology without model": json["modelTopology"] = new JsonObject { ["keras_version"] = "tfjs-layers 4.22.0" }; break;
                case "unknown layer class": json["modelTopology"]!["config"]!["layers"]![0]!["class_name"] = "FancyLayer"; break;
                case "bad manifest": json["weightsManifest"] = new JsonObject(); break;
            }
        });
        var shardPath = Path.Combine(Path.GetDirectoryName(path)!, shard);
        switch (kind)
        {
            case "missing shard": File.Delete(shardPath); break;
            case "missing weight": File.WriteAllBytes(shardPath, File.ReadAllBytes(shardPath)[..^12]); break;
            case "short shard": File.WriteAllBytes(shardPath, File.ReadAllBytes(shardPath)[..^4]); break;
            case "long shard": File.WriteAllBytes(shardPath, [.. File.ReadAllBytes(shardPath), 0, 0, 0, 0]); break;
            case "not json": File.WriteAllText(path, "{\"format\": \"layers-model\", "); break;
        }
        return path;
    }

    // Copies a fixture model's folder to a temporary one, editing its model.json.
    private string CopyOf(string model, Action<JsonObject> edit)
    {
        var target = Directory.CreateDirectory(Path.Combine(_dir, model)).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(TfjsFixtures.Directory, model)))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        var path = Path.Combine(target, "model.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private static JsonArray Weights(JsonObject json) => json["weightsManifest"]![0]!["weights"]!.AsArray();
}
