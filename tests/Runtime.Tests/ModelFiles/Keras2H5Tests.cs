using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.ModelFiles;

/// <summary>
/// Legacy .h5 files in exactly Keras 2.x's layout, written by Reference/gen_keras2_h5.py with h5py (expected outputs computed
/// there with PyTorch and numpy): full models, a weights-only file with split layer_names, nested models, RNN weight names.
/// </summary>
public sealed class Keras2H5Tests
{
    private static string PathOf(string file) => Path.Combine(ReferenceCases.Directory, "keras2", file);

    [Theory]
    [InlineData("keras2_mlp")]
    [InlineData("keras2_nested")]
    [InlineData("keras2_lstm")]
    public void FullModelLoadsAndPredicts(string name) => AssertPredicts(name, Model.Load(PathOf($"{name}.h5")));

    [Fact]
    public void TrainingConfigCompilesTheModel()
    {
        var model = Model.Load(PathOf("keras2_mlp.h5"));
        Assert.NotNull(model.Optimizer);
        Assert.Equal("Adam", model.Optimizer!.ClassName);
        var x = NpyFile.Read(PathOf("keras2_mlp.in0.npy"));
        var history = model.Fit(x, NpyFile.Read(PathOf("keras2_mlp.out0.npy")), epochs: 1, verbose: 0);
        Assert.Contains("mae", history.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("keras2_mlp")]
    [InlineData("keras2_nested")]
    public void Keras2JsonWithLegacyWeightsPredicts(string name)
    {
        var model = Model.FromJson(File.ReadAllText(PathOf($"{name}.json")));
        model.LoadWeights(PathOf($"{name}.h5"));
        AssertPredicts(name, model);
    }

    [Fact]
    public void SplitLayerNamesLoadByOrder()
    {
        var model = SplitNamesModel();
        Assert.Empty(model.LoadWeights(PathOf("keras2_split_names.h5")));
        AssertPredicts("keras2_split_names", model);
    }

    [Fact]
    public void ByNameMatchesLayersByName()
    {
        // Layers in another order, with a layer the file does not know: by name still finds each one's weights.
        var model = new Sequential([new InputLayer(batchShape: new Shape(-1, 4)), new Dense(5, name: "dense"), new Dense(5, name: "extra"), new Dense(3, name: "dense_1")]);
        var extraBefore = model.Layers[1].GetWeights();
        Assert.Empty(model.LoadWeights(PathOf("keras2_split_names.h5"), byName: true));
        Assert.Equal(extraBefore[0].ToArray(), model.Layers[1].GetWeights()[0].ToArray());
        var reference = SplitNamesModel();
        reference.LoadWeights(PathOf("keras2_split_names.h5"));
        Assert.Equal(reference.Layers[0].GetWeights()[0].ToArray(), model.Layers[0].GetWeights()[0].ToArray());
        Assert.Equal(reference.Layers[2].GetWeights()[1].ToArray(), model.Layers[2].GetWeights()[1].ToArray());
    }

    [Fact]
    public void SkipMismatchSkipsLayersThatDifferAndWarns()
    {
        var model = new Sequential([new InputLayer(batchShape: new Shape(-1, 4)), new Dense(6, name: "dense"), new Dense(3, name: "dense_1")]);
        var before = model.Layers[0].GetWeights();
        var e = Assert.Throws<KerasFormatException>(() => model.LoadWeights(PathOf("keras2_split_names.h5"), byName: true));
        Assert.Contains("'dense'", e.Message);
        Assert.Contains("skipMismatch", e.Message);
        Assert.Equal(before[0].ToArray(), model.Layers[0].GetWeights()[0].ToArray()); // a failed load changes nothing

        var warnings = model.LoadWeights(PathOf("keras2_split_names.h5"), byName: true, skipMismatch: true);
        // dense's kernel and bias and dense_1's kernel have other shapes; dense_1's bias is loaded.
        Assert.Equal(3, warnings.Count);
        Assert.Equal(2, warnings.Count(w => w.Contains("named 'dense'")));
        Assert.Contains("dense_1/kernel", warnings[2]);
        Assert.Equal(before[0].ToArray(), model.Layers[0].GetWeights()[0].ToArray());
        var reference = SplitNamesModel();
        reference.LoadWeights(PathOf("keras2_split_names.h5"));
        Assert.Equal(reference.Layers[2].GetWeights()[1].ToArray(), model.Layers[1].GetWeights()[1].ToArray());
    }

    [Fact]
    public void WeightsOnlyFileIsNotAModel()
    {
        var e = Assert.Throws<KerasFormatException>(() => Model.Load(PathOf("keras2_split_names.h5")));
        Assert.Contains("model_config", e.Message);
        Assert.Contains("LoadWeights", e.Message);
    }

    [Fact]
    public void ByOrderWithAnotherLayerCountFailsAndChangesNothing()
    {
        var model = new Sequential([new InputLayer(batchShape: new Shape(-1, 4)), new Dense(5), new Dense(5), new Dense(3)]);
        var before = model.GetWeights();
        var e = Assert.Throws<KerasFormatException>(() => model.LoadWeights(PathOf("keras2_split_names.h5")));
        Assert.Contains("2 layers", e.Message);
        Assert.Contains("3 layers with weights", e.Message);
        Assert.Equal(before.Select(w => w.ToArray()), model.GetWeights().Select(w => w.ToArray()));
    }

    private static Sequential SplitNamesModel() =>
        new([new InputLayer(batchShape: new Shape(-1, 4)), new Dense(5, name: "dense"), new Activation("linear"), new Dense(3, name: "dense_1")]);

    private static void AssertPredicts(string name, Model model)
    {
        var output = model.Predict(NpyFile.Read(PathOf($"{name}.in0.npy")), verbose: 0);
        TensorAssert.Close(NpyFile.Read(PathOf($"{name}.out0.npy")), output, 1e-5f, 1e-5f, name);
    }
}
