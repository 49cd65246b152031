using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Cli.Tests;

/// <summary>
/// <c>nkeras predict</c>, <c>summary</c> and <c>convert</c>, run in-process on the models written by real Keras 3 (the shared
/// fixtures) and by TensorFlow.js (the runtime tests' reference files), compared with those frameworks' predictions.
/// </summary>
public sealed class ModelCommandTests : IDisposable
{
    // The Keras 3 fixtures NotebookKeras loads (all but conv1d, whose Conv1D layer is still to come).
    public static TheoryData<string> KerasModels => new() { "mlp", "functional_2in_2out", "mnist_convnet", "batch_normalization", "lstm", "gru", "embedding_mask_lstm" };

    public static TheoryData<string> TfjsModels => new(TfjsFixtures.Models);

    private readonly string _dir = Directory.CreateTempSubdirectory("nk-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [MemberData(nameof(KerasModels))]
    public void PredictsKerasArchivesAsKeras(string name) =>
        AssertPredicts(KerasFixtures.PathOf($"{name}.keras"), KerasInputs(name), KerasOutputs(name));

    [Theory]
    [MemberData(nameof(KerasModels))]
    public void PredictsKerasJsonWithWeightsAsKeras(string name) =>
        AssertPredicts(KerasFixtures.PathOf($"{name}.json"), KerasInputs(name), KerasOutputs(name), "--weights", KerasFixtures.PathOf($"{name}.weights.h5"));

    [Theory]
    [MemberData(nameof(KerasModels))]
    public void PredictsLegacyH5AsKeras(string name) =>
        AssertPredicts(KerasFixtures.PathOf($"{name}.h5"), KerasInputs(name), KerasOutputs(name));

    [Theory]
    [MemberData(nameof(TfjsModels))]
    public void PredictsTensorFlowJsModelsAsTensorFlowJs(string name) =>
        AssertPredicts(TfjsFixtures.ModelJson(name), TfjsFixtures.Files(name, "in"), TfjsFixtures.Files(name, "out"));

    [Fact]
    public void BatchSizeDoesNotChangePredictions() =>
        AssertPredicts(TfjsFixtures.ModelJson("recurrent"), TfjsFixtures.Files("recurrent", "in"), TfjsFixtures.Files("recurrent", "out"), "--batch-size", "1");

    [Theory]
    [MemberData(nameof(TfjsModels))]
    public void ConvertsTensorFlowJsModelsToKerasArchives(string name)
    {
        var output = Path.Combine(_dir, $"{name}.keras");
        var (code, stdout, stderr) = Run("convert", TfjsFixtures.ModelJson(name), "--output", output);
        Assert.True(code == 0, stderr);
        Assert.Contains($"wrote {output}", stdout);
        AssertPredicts(output, TfjsFixtures.Files(name, "in"), TfjsFixtures.Files(name, "out"));
    }

    [Fact]
    public void ConvertsKerasJsonWithWeights()
    {
        var output = Path.Combine(_dir, "functional.keras");
        var (code, _, stderr) = Run("convert", KerasFixtures.PathOf("functional_2in_2out.json"), "--weights", KerasFixtures.PathOf("functional_2in_2out.weights.h5"), "--output", output);
        Assert.True(code == 0, stderr);
        var outputs = Model.Load(output).PredictMany(KerasInputs("functional_2in_2out").Select(NpyFile.Read).ToArray(), verbose: 0);
        var expected = KerasOutputs("functional_2in_2out").Select(NpyFile.Read).ToList();
        for (var i = 0; i < expected.Count; i++) TensorAssert.Close(expected[i], outputs[i], 1e-5f, 1e-6f, $"output {i}");
    }

    [Fact]
    public void SummaryPrintsTheKerasSummary()
    {
        var (code, stdout, stderr) = Run("summary", KerasFixtures.PathOf("mnist_convnet.keras"));
        Assert.True(code == 0, stderr);
        Assert.Equal(Model.Load(KerasFixtures.PathOf("mnist_convnet.keras")).Summary() + Environment.NewLine, stdout);
        Assert.Contains("Total params", stdout);

        (code, stdout, stderr) = Run("summary", TfjsFixtures.ModelJson("functional_merge"));
        Assert.True(code == 0, stderr);
        Assert.Contains("out_class (Dense)", stdout);
        Assert.Contains("cosine (Dot)", stdout);
    }

    [Fact]
    public void InputAndOutputCountsMustMatchTheModel()
    {
        var model = KerasFixtures.PathOf("functional_2in_2out.keras");
        var (code, _, stderr) = Run("predict", model, "--input", KerasInputs("functional_2in_2out")[0], "--output", Out(0), "--output", Out(1));
        Assert.Equal(1, code);
        Assert.Contains("has 2 inputs", stderr);
        Assert.Contains("but 1 --input file was given", stderr);

        (code, _, stderr) = Run(["predict", model, .. Interleave("--input", KerasInputs("functional_2in_2out")), "--output", Out(0)]);
        Assert.Equal(1, code);
        Assert.Contains("has 2 outputs", stderr);
        Assert.False(File.Exists(Out(0)));
    }

    [Fact]
    public void WeightsMustComeWithKerasJsonAndOnlyWithIt()
    {
        var (code, _, stderr) = Run("summary", KerasFixtures.PathOf("mlp.json"));
        Assert.Equal(1, code);
        Assert.Contains("holds no weights: give them with --weights", stderr);

        (code, _, stderr) = Run("summary", TfjsFixtures.ModelJson("mlp"), "--weights", KerasFixtures.PathOf("mlp.weights.h5"));
        Assert.Equal(1, code);
        Assert.Contains("--weights does not apply", stderr);
    }

    [Fact]
    public void BadArgumentsAndFilesAreClearErrors()
    {
        var (code, _, stderr) = Run("convert", KerasFixtures.PathOf("mlp.keras"), "--output", Path.Combine(_dir, "mlp.h5"));
        Assert.Equal(2, code);
        Assert.Contains("whose name ends in .keras", stderr);

        (code, _, stderr) = Run("predict", KerasFixtures.PathOf("mlp.keras"), "--output", Out(0));
        Assert.Equal(2, code);
        Assert.Contains("'predict' needs --input", stderr);

        (code, _, stderr) = Run("summary");
        Assert.Equal(2, code);
        Assert.Contains("'summary' needs a MODEL file", stderr);

        (code, _, stderr) = Run("summary", KerasFixtures.PathOf("mlp.keras"), "--frobnicate", "1");
        Assert.Equal(2, code);
        Assert.Contains("unknown option '--frobnicate' for 'summary'", stderr);

        (code, _, stderr) = Run("predict", KerasFixtures.PathOf("mlp.keras"), "--input", "x.npy", "--output", "y.npy", "--batch-size", "0");
        Assert.Equal(2, code);
        Assert.Contains("--batch-size expects a positive integer", stderr);

        (code, _, stderr) = Run("summary", Path.Combine(_dir, "missing.keras"));
        Assert.Equal(1, code);
        Assert.Contains("No such model file", stderr);

        (code, _, stderr) = Run("summary", TfjsFixtures.ModelJson("hard_sigmoid_lstm"));
        Assert.Equal(1, code);
        Assert.Contains("hard_sigmoid", stderr);

        (code, _, stderr) = Run("predict", KerasFixtures.PathOf("mlp.keras"), "--input", TfjsFixtures.Files("convnet", "in")[0], "--output", Out(0));
        Assert.Equal(1, code);
        Assert.Contains("expects samples of shape (8,)", stderr);

        var notNpy = Path.Combine(_dir, "x.npy");
        File.WriteAllText(notNpy, "not an array");
        (code, _, stderr) = Run("predict", KerasFixtures.PathOf("mlp.keras"), "--input", notNpy, "--output", Out(0));
        Assert.Equal(1, code);
        Assert.Contains(notNpy, stderr);
    }

    [Fact]
    public void UsageListsTheModelCommands()
    {
        var (_, stdout, _) = Run("--help");
        Assert.Contains("predict MODEL --input x.npy", stdout);
        Assert.Contains("summary MODEL", stdout);
        Assert.Contains("convert MODEL --output OUT.keras", stdout);
    }

    // Runs predict on the model and compares each written output with the expected .npy.
    private void AssertPredicts(string model, IReadOnlyList<string> inputs, IReadOnlyList<string> expected, params string[] options)
    {
        var outputs = expected.Select((_, i) => Out(i)).ToList();
        var (code, stdout, stderr) = Run(["predict", model, .. Interleave("--input", inputs), .. Interleave("--output", outputs), .. options]);
        Assert.True(code == 0, stderr);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Contains($"wrote {outputs[i]}", stdout);
            var actual = NpyFile.Read(outputs[i]);
            Assert.Equal(DType.Float32, actual.DType);
            TensorAssert.Close(NpyFile.Read(expected[i]), actual, 1e-5f, 1e-5f, $"{Path.GetFileName(model)} output {i}");
        }
    }

    private string Out(int i) => Path.Combine(_dir, $"out{i}.npy");

    private static IReadOnlyList<string> KerasInputs(string name) => Existing(name, "in");

    private static IReadOnlyList<string> KerasOutputs(string name) => Existing(name, "out");

    private static List<string> Existing(string name, string kind) =>
        Enumerable.Range(0, 8).Select(i => KerasFixtures.PathOf($"{name}.{kind}{i}.npy")).TakeWhile(File.Exists).ToList();

    private static IEnumerable<string> Interleave(string option, IEnumerable<string> values) => values.SelectMany(v => new[] { option, v });

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
