using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.ModelFiles;

/// <summary>Models saved by real Keras 3 load and reproduce Keras's predictions, from the .keras archive and from JSON + .weights.h5.</summary>
public sealed class KerasFixtureLoadTests : IDisposable
{
    public static TheoryData<string> Models => new() { "mlp", "functional_2in_2out", "mnist_convnet", "conv1d", "batch_normalization", "lstm", "gru", "embedding_mask_lstm" };

    private readonly string _dir = Directory.CreateTempSubdirectory("nk-saving-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [MemberData(nameof(Models))]
    public void KerasArchivePredictsAsKeras(string name) => AssertPredictsAsKeras(name, Model.Load(KerasFixtures.PathOf($"{name}.keras")));

    [Theory]
    [MemberData(nameof(Models))]
    public void LegacyH5PredictsAsKeras(string name) => AssertPredictsAsKeras(name, Model.Load(KerasFixtures.PathOf($"{name}.h5")));

    [Theory]
    [MemberData(nameof(Models))]
    public void JsonAndWeightsFilePredictAsKeras(string name)
    {
        var model = Model.FromJson(File.ReadAllText(KerasFixtures.PathOf($"{name}.json")));
        model.LoadWeights(KerasFixtures.PathOf($"{name}.weights.h5"));
        AssertPredictsAsKeras(name, model);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void LegacyH5WeightsLoadIntoTheModelFromJson(string name)
    {
        var model = Model.FromJson(File.ReadAllText(KerasFixtures.PathOf($"{name}.json")));
        Assert.Empty(model.LoadWeights(KerasFixtures.PathOf($"{name}.h5")));
        AssertPredictsAsKeras(name, model);
        var byName = Model.FromJson(File.ReadAllText(KerasFixtures.PathOf($"{name}.json")));
        Assert.Empty(byName.LoadWeights(KerasFixtures.PathOf($"{name}.h5"), byName: true));
        AssertPredictsAsKeras(name, byName);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ToJsonMatchesKerasToJson(string name)
    {
        var theirs = JsonNode.Parse(File.ReadAllText(KerasFixtures.PathOf($"{name}.json")))!.AsObject();
        var ours = JsonNode.Parse(Model.FromJson(theirs.ToJsonString()).ToJson())!.AsObject();
        Assert.Equal(theirs.Select(kv => kv.Key), ours.Select(kv => kv.Key));
        Assert.Equal(theirs["class_name"]!.ToJsonString(), ours["class_name"]!.ToJsonString());
        Assert.Equal(theirs["module"]!.ToJsonString(), ours["module"]!.ToJsonString());
        Assert.Equal(theirs["build_config"]?.ToJsonString(), ours["build_config"]?.ToJsonString());
        var theirLayers = theirs["config"]!["layers"]!.AsArray().Select(l => (string?)l!["class_name"]);
        Assert.Equal(theirLayers, ours["config"]!["layers"]!.AsArray().Select(l => (string?)l!["class_name"]));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void SaveThenLoadGivesIdenticalPredictions(string name)
    {
        var model = Model.Load(KerasFixtures.PathOf($"{name}.keras"));
        var path = Path.Combine(_dir, $"{name}.keras");
        model.Save(path);
        var copy = Model.Load(path);
        var inputs = Inputs(name);
        var expected = model.PredictMany(inputs, verbose: 0);
        var actual = copy.PredictMany(inputs, verbose: 0);
        for (var i = 0; i < expected.Count; i++) TensorAssert.Equal(expected[i], actual[i]);
        Assert.Equal(KerasArchive.Config(model).ToJsonString(), KerasArchive.Config(copy).ToJsonString());

        var weightsPath = Path.Combine(_dir, $"{name}.weights.h5");
        model.SaveWeights(weightsPath);
        var fresh = KerasRegistry.Deserialize<Model>(KerasRegistry.Serialize(model));
        fresh.LoadWeights(weightsPath);
        var reloaded = fresh.PredictMany(inputs, verbose: 0);
        for (var i = 0; i < expected.Count; i++) TensorAssert.Equal(expected[i], reloaded[i]);
    }

    [Fact]
    public void WrittenArchiveHasKerasEntriesAndEnvelope()
    {
        var model = Model.Load(KerasFixtures.PathOf("mlp.keras"));
        var path = Path.Combine(_dir, "mlp.keras");
        model.Save(path);
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        Assert.Equal(["metadata.json", "config.json", "model.weights.h5"], zip.Entries.Select(e => e.FullName));
        using var reader = new StreamReader(zip.GetEntry("config.json")!.Open());
        var ours = JsonNode.Parse(reader.ReadToEnd())!.AsObject();
        using var theirZip = System.IO.Compression.ZipFile.OpenRead(KerasFixtures.PathOf("mlp.keras"));
        using var theirReader = new StreamReader(theirZip.GetEntry("config.json")!.Open());
        var theirs = JsonNode.Parse(theirReader.ReadToEnd())!.AsObject();
        Assert.Equal(theirs.Select(kv => kv.Key).Order(), ours.Select(kv => kv.Key).Order());
        Assert.Equal(theirs["build_config"]!.ToJsonString(), ours["build_config"]!.ToJsonString());
        using var metaReader = new StreamReader(zip.GetEntry("metadata.json")!.Open());
        var metadata = JsonNode.Parse(metaReader.ReadToEnd())!.AsObject();
        Assert.Matches(@"^\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d$", (string)metadata["date_saved"]!);
        Assert.StartsWith("3.", (string)metadata["keras_version"]!);
    }

    private static Tensor[] Inputs(string name) =>
        Enumerable.Range(0, 8).Select(i => KerasFixtures.PathOf($"{name}.in{i}.npy")).TakeWhile(File.Exists).Select(NpyFile.Read).ToArray();

    private static void AssertPredictsAsKeras(string name, Model model)
    {
        var outputs = model.PredictMany(Inputs(name), verbose: 0);
        var expected = Enumerable.Range(0, 8).Select(i => KerasFixtures.PathOf($"{name}.out{i}.npy")).TakeWhile(File.Exists).Select(NpyFile.Read).ToList();
        Assert.Equal(expected.Count, outputs.Count);
        for (var i = 0; i < expected.Count; i++) TensorAssert.Close(expected[i], outputs[i], 1e-5f, 1e-6f, $"{name} output {i}");
    }
}
