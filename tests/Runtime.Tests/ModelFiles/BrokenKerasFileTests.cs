using System.IO.Compression;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.ModelFiles;

/// <summary>Corrupt, truncated or mismatched files give a clear error naming the file, and a failed load changes nothing.</summary>
public sealed class BrokenKerasFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nk-broken-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TruncatedArchiveNamesTheFile()
    {
        var path = Truncated("mlp.keras");
        var e = Assert.Throws<KerasFormatException>(() => Model.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void TextFileIsNotAnArchive()
    {
        var path = Path.Combine(_dir, "text.keras");
        File.WriteAllText(path, "not a zip");
        var e = Assert.Throws<KerasFormatException>(() => Model.Load(path));
        Assert.Contains("not a valid zip", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ArchiveWithoutWeightsNamesTheMissingEntry()
    {
        var path = Rewritten("mlp.keras", "noweights.keras", skip: KerasArchive.WeightsEntry);
        var e = Assert.Throws<KerasFormatException>(() => Model.Load(path));
        Assert.Contains("has no model.weights.h5 entry", e.Message);
    }

    [Fact]
    public void ArchiveWithBrokenConfigNamesTheEntry()
    {
        var path = Rewritten("mlp.keras", "badconfig.keras", replace: (KerasArchive.ConfigEntry, "{\"module\": \"keras\", \"class_"));
        var e = Assert.Throws<KerasFormatException>(() => Model.Load(path));
        Assert.Contains("config.json is not valid JSON", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ArchiveWithTruncatedWeightsNamesTheEntry()
    {
        var weights = File.ReadAllBytes(KerasFixtures.PathOf("mlp.weights.h5"));
        var path = Rewritten("mlp.keras", "badweights.keras", replaceBytes: (KerasArchive.WeightsEntry, weights[..(weights.Length / 2)]));
        var e = Assert.Throws<KerasFormatException>(() => Model.Load(path));
        Assert.Contains($"{path}!model.weights.h5", e.Message);
    }

    [Fact]
    public void OversizedWeightsEntryIsRefusedBeforeItIsRead()
    {
        // 20 MB of zeros compress to a few kilobytes: far more than an MLP of 360 parameters can need.
        var path = Rewritten("mlp.keras", "bomb.keras", replaceBytes: (KerasArchive.WeightsEntry, new byte[20 << 20]));
        var e = Assert.Throws<KerasFormatException>(() => Model.Load(path));
        Assert.Contains("model.weights.h5", e.Message);
        Assert.Contains("bytes", e.Message);
    }

    [Fact]
    public void TruncatedWeightsFileLeavesTheModelUnchanged()
    {
        var model = Model.Load(KerasFixtures.PathOf("mlp.keras"));
        var before = model.GetWeights();
        var path = Truncated("mlp.weights.h5");
        var e = Assert.Throws<KerasFormatException>(() => model.LoadWeights(path));
        Assert.Contains(path, e.Message);
        AssertWeights(before, model);
    }

    [Fact]
    public void MismatchedShapeInTheLastLayerLeavesEarlierLayersUnchanged()
    {
        // Same layer classes as the mlp fixture, but the last Dense has 5 units instead of 4: the first two layers' datasets
        // match, so only checking everything before assigning keeps them unchanged.
        var model = new Sequential([new InputLayer(new Shape(8)), new Dense(16, "relu"), new Dense(12, "relu"), new Dense(5, "softmax")]);
        var before = model.GetWeights();
        var path = KerasFixtures.PathOf("mlp.weights.h5");
        var e = Assert.Throws<KerasFormatException>(() => model.LoadWeights(path));
        Assert.Contains("'layers/dense_2/vars/0' has shape (12, 4)", e.Message);
        Assert.Contains(path, e.Message);
        AssertWeights(before, model);
    }

    [Fact]
    public void WeightsOfAnotherModelNameTheMissingGroup()
    {
        var model = Model.Load(KerasFixtures.PathOf("mlp.keras"));
        var before = model.GetWeights();
        var e = Assert.Throws<KerasFormatException>(() => model.LoadWeights(KerasFixtures.PathOf("functional_2in_2out.weights.h5")));
        Assert.Contains("dense", e.Message);
        AssertWeights(before, model);
    }

    [Fact]
    public void WrongVariableCountIsReported()
    {
        var model = new Sequential([new InputLayer(new Shape(8)), new Dense(16, "relu", useBias: false)]);
        var e = Assert.Throws<KerasFormatException>(() => model.LoadWeights(KerasFixtures.PathOf("mlp.weights.h5")));
        Assert.Contains("layer 'dense", e.Message);
        Assert.Contains("expects 1 variables", e.Message);
    }

    [Fact]
    public void FileNamesMustCarryKerasExtensions()
    {
        var model = new Sequential([new InputLayer(new Shape(2)), new Dense(1)]);
        Assert.Contains("must end in .keras", Assert.Throws<ArgumentException>(() => model.Save(Path.Combine(_dir, "m.zip"))).Message);
        Assert.Contains("must end in .weights.h5", Assert.Throws<ArgumentException>(() => model.SaveWeights(Path.Combine(_dir, "m.h5"))).Message);
    }

    [Fact]
    public void FailedSaveLeavesTheExistingFile()
    {
        var path = Path.Combine(_dir, "kept.keras");
        File.Copy(KerasFixtures.PathOf("mlp.keras"), path);
        var original = File.ReadAllBytes(path);
        var lambda = new Sequential([new InputLayer(new Shape(2)), new Lambda(x => x)]);
        Assert.Throws<InvalidOperationException>(() => lambda.Save(path)); // an unregistered lambda cannot be serialized
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Empty(Directory.GetFiles(_dir, ".*.tmp"));
    }

    [Fact]
    public void EntryEscapingTheFolderIsRefused()
    {
        var path = Rewritten("mlp.keras", "zipslip.keras", add: ("../../outside.txt", "x"));
        var e = Assert.Throws<KerasFormatException>(() => Model.Load(path));
        Assert.Contains("'../../outside.txt' points outside", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData("list", "must hold a JSON object")]
    [InlineData("unknown class", "Unknown Keras Layer 'FancyLayer'")]
    [InlineData("missing key", "'units'")]
    [InlineData("no class_name", "has no 'class_name'")]
    public void ConfigProblemsNameTheEntryAndTheProblem(string problem, string expected)
    {
        var config = FixtureConfig("mlp.keras");
        JsonNode edited = problem switch
        {
            "list" => new JsonArray(config),
            "unknown class" => Edit(config, c => c["config"]!["layers"]![1]!["class_name"] = "FancyLayer"),
            "missing key" => Edit(config, c => c["config"]!["layers"]![1]!["config"]!.AsObject().Remove("units")),
            _ => Edit(config, c => c.Remove("class_name")),
        };
        var path = Rewritten("mlp.keras", "config.keras", replace: (KerasArchive.ConfigEntry, edited.ToJsonString()));
        var e = Assert.Throws<KerasFormatException>(() => Model.Load(path));
        Assert.Contains(expected, e.Message);
        Assert.Contains($"{path}': config.json", e.Message);
    }

    [Theory]
    [InlineData("shared", "cannot rebuild node 0 of layer 'dense_a'")] // dense_a <- shared <- concat <- dense_a: a cycle
    [InlineData("nowhere", "cannot rebuild node 0 of layer 'dense_a'")]
    public void InboundNodesThatNeverResolveAreReported(string source, string expected)
    {
        var config = Edit(FixtureConfig("functional_2in_2out.keras"), c =>
            c["config"]!["layers"]![2]!["inbound_nodes"]![0]!["args"]![0]!["config"]!["keras_history"]![0] = source);
        var e = Assert.Throws<KerasFormatException>(() => Model.FromJson(config.ToJsonString()));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("42", "got the number 42")]
    [InlineData("[1, 2]", "got a JSON list")]
    [InlineData("{\"class_name\": \"Sequential\", ", "is not valid JSON")]
    public void ModelJsonThatIsNotAnObjectIsRefused(string json, string expected)
    {
        var e = Assert.Throws<KerasFormatException>(() => Model.FromJson(json));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void DeeplyNestedJsonIsRefusedWithoutOverflowingTheStack()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);
        Assert.Contains("is not valid JSON", Assert.Throws<KerasFormatException>(() => Model.FromJson(json)).Message);
    }

    [Theory]
    [InlineData("text.h5", false)]
    [InlineData("text.weights.h5", true)]
    public void FileWithoutHdf5SignatureNamesTheFile(string name, bool weightsOnly)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, "this is not HDF5 at all, but long enough to look for a superblock signature......");
        var model = new Sequential([new InputLayer(new Shape(8)), new Dense(2)]);
        var e = weightsOnly ? Assert.Throws<KerasFormatException>(() => model.LoadWeights(path)) : Assert.Throws<KerasFormatException>(() => Model.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void TruncatedLegacyFileNamesTheFile()
    {
        var path = Path.Combine(_dir, "truncated.h5");
        var bytes = File.ReadAllBytes(Legacy("keras2_mlp.h5"));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<KerasFormatException>(() => Model.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData("absurd_shape", "has shape (1048576, 1048576), but weight 'dense/kernel' has shape (5, 7)")]
    [InlineData("missing_dataset", "dataset 'dense_1/dense_1/bias:0' is missing")]
    [InlineData("names_not_strings", "attribute 'layer_names' must hold strings")]
    [InlineData("config_not_json", "attribute model_config is not valid JSON")]
    [InlineData("no_weights_group", "no 'model_weights' group")]
    [InlineData("unknown_layer", "Unknown Keras Layer 'CuDNNLSTM'")]
    [InlineData("integer_weights", "holds FixedPoint data; weight 'dense/bias' is float32")]
    public void HostileLegacyFilesGiveClearErrors(string name, string expected)
    {
        var path = Legacy($"hostile_{name}.h5");
        var e = Assert.Throws<KerasFormatException>(() => Model.Load(path));
        Assert.Contains(expected, e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void HostileLegacyWeightsLeaveTheModelUnchanged()
    {
        var model = Model.Load(Legacy("keras2_mlp.h5"));
        var before = model.GetWeights();
        foreach (var name in new[] { "absurd_shape", "missing_dataset", "integer_weights" })
        {
            Assert.Throws<KerasFormatException>(() => model.LoadWeights(Legacy($"hostile_{name}.h5")));
            AssertWeights(before, model);
        }
    }

    private static string Legacy(string file) => Path.Combine(ReferenceCases.Directory, "keras2", file);

    private static JsonObject FixtureConfig(string fixture)
    {
        using var zip = ZipFile.OpenRead(KerasFixtures.PathOf(fixture));
        using var reader = new StreamReader(zip.GetEntry(KerasArchive.ConfigEntry)!.Open());
        return JsonNode.Parse(reader.ReadToEnd())!.AsObject();
    }

    private static JsonObject Edit(JsonObject config, Action<JsonObject> edit)
    {
        edit(config);
        return config;
    }

    private static void AssertWeights(IReadOnlyList<Tensor> expected, Model model)
    {
        var actual = model.GetWeights();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) TensorAssert.Equal(expected[i], actual[i]);
    }

    private string Truncated(string fixture)
    {
        var bytes = File.ReadAllBytes(KerasFixtures.PathOf(fixture));
        var path = Path.Combine(_dir, "truncated." + fixture);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        return path;
    }

    // A copy of a fixture archive with one entry left out or replaced.
    private string Rewritten(
        string fixture, string name, string? skip = null, (string Entry, string Text)? replace = null, (string Entry, byte[] Bytes)? replaceBytes = null,
        (string Entry, string Text)? add = null)
    {
        var path = Path.Combine(_dir, name);
        using var source = ZipFile.OpenRead(KerasFixtures.PathOf(fixture));
        using var target = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            if (entry.FullName == skip) continue;
            using var output = target.CreateEntry(entry.FullName).Open();
            if (replace is { } r && r.Entry == entry.FullName) output.Write(System.Text.Encoding.UTF8.GetBytes(r.Text));
            else if (replaceBytes is { } b && b.Entry == entry.FullName) output.Write(b.Bytes);
            else
            {
                using var input = entry.Open();
                input.CopyTo(output);
            }
        }
        if (add is { } extra)
        {
            using var output = target.CreateEntry(extra.Entry).Open();
            output.Write(System.Text.Encoding.UTF8.GetBytes(extra.Text));
        }
        return path;
    }
}
