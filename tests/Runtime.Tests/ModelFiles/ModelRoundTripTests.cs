using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Layers.Normalization;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;
using PureHDF;

namespace NotebookKeras.Runtime.Tests.ModelFiles;

/// <summary>Models built here save and load with identical predictions, their weights at Keras's object-graph paths.</summary>
public sealed class ModelRoundTripTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nk-roundtrip-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void BatchNormalizationKeepsItsMovingStatisticsAfterTheTrainableWeights()
    {
        var model = new Sequential([new InputLayer(new Shape(5)), new Dense(6), new BatchNormalization(), new Dropout(0.5f), new Dense(3)]);
        var bn = model.Layers[1];
        // Statistics unlike their initial values, so that a load that lost them would show.
        bn.SetWeights([Random(6, 1), Random(6, 2), Random(6, 3), Tensor.FromArray(Random(6, 4).AsSpan().ToArray().Select(MathF.Abs).ToArray(), 6)]);
        var path = Path.Combine(_dir, "bn.keras");
        model.Save(path);
        var copy = Model.Load(path);
        var x = Random(4, 5, seed: 5);
        TensorAssert.Equal(model.Predict(x, verbose: 0), copy.Predict(x, verbose: 0));

        var weightsPath = Path.Combine(_dir, "bn.weights.h5");
        model.SaveWeights(weightsPath);
        using var file = H5File.OpenRead(weightsPath);
        var vars = file.Group("layers").Group("batch_normalization").Group("vars");
        Assert.Equal(bn.Name, vars.Attribute("name").Read<string>());
        Assert.Equal(bn.GetWeights()[2].AsSpan().ToArray(), vars.Dataset("2").Read<float[]>()); // moving_mean
        Assert.Equal(bn.GetWeights()[3].AsSpan().ToArray(), vars.Dataset("3").Read<float[]>()); // moving_variance
        Assert.True(file.Group("layers").Group("dropout").LinkExists("vars")); // a group even without variables, as Keras 3.15 writes
    }

    [Fact]
    public void NestedSequentialWeightsLiveUnderItsOwnLayersGroup()
    {
        var inner = new Sequential([new InputLayer(new Shape(4)), new Dense(3, "tanh"), new Dense(3)], name: "block");
        var input = InputLayer.Create(new Shape(4), name: "x");
        var model = new Functional(input, new Dense(2).Apply(inner.Apply(input)), name: "outer");
        var path = Path.Combine(_dir, "nested.weights.h5");
        model.SaveWeights(path);
        using (var file = H5File.OpenRead(path))
        {
            var dense1 = file.Group("layers").Group("sequential").Group("layers").Group("dense_1").Group("vars");
            Assert.Equal(new ulong[] { 3, 3 }, dense1.Dataset("0").Space.Dimensions);
            Assert.Equal(new ulong[] { 3, 2 }, file.Group("layers").Group("dense").Group("vars").Dataset("0").Space.Dimensions);
        }
        var copy = Model.Load(Save(model, "nested.keras"));
        var x = Random(3, 4, seed: 9);
        TensorAssert.Equal(model.Predict(x, verbose: 0), copy.Predict(x, verbose: 0));
    }

    [Fact]
    public void SubclassedModelNamesInnerLayersByAttribute()
    {
        var model = new TwoLayerNet();
        var x = Random(2, 3, seed: 11);
        var expected = model.Apply(x);
        var path = Path.Combine(_dir, "net.weights.h5");
        model.SaveWeights(path);
        using (var file = H5File.OpenRead(path))
        {
            Assert.Equal(new ulong[] { 3, 4 }, file.Group("hidden").Group("vars").Dataset("0").Space.Dimensions);
            Assert.Equal(new ulong[] { 4, 1 }, file.Group("head").Group("vars").Dataset("0").Space.Dimensions);
        }
        var copy = new TwoLayerNet();
        copy.Apply(x);
        copy.LoadWeights(path);
        TensorAssert.Equal(expected, copy.Apply(x));
    }

    private string Save(Model model, string name)
    {
        var path = Path.Combine(_dir, name);
        model.Save(path);
        return path;
    }

    private static Tensor Random(int n, int seed) => Random(1, n, seed).Reshape(n);

    private static Tensor Random(int rows, int cols, int seed)
    {
        var random = new System.Random(seed);
        return Tensor.FromArray(Enumerable.Range(0, rows * cols).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray(), rows, cols);
    }

    private sealed class TwoLayerNet : Model
    {
        private readonly Dense _hidden = new(4, "relu");

        private Dense Head { get; } = new(1);

        protected internal override Tensor Call(Tensor inputs, bool training, Tensor? mask) => Head.Apply(_hidden.Apply(inputs));
    }
}
