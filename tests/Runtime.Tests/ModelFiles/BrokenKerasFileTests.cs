using System.IO.Compression;
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
    private string Rewritten(string fixture, string name, string? skip = null, (string Entry, string Text)? replace = null, (string Entry, byte[] Bytes)? replaceBytes = null)
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
        return path;
    }
}
