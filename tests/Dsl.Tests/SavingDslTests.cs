using NotebookKeras.Runtime.Tensors;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

public sealed class SavingDslTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nk-dsl-saving-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SaveThenLoadModelPredictsTheSame()
    {
        var model = Sequential(Input([3]), Dense(4, activation: "relu"), Dense(2));
        var path = Path.Combine(_dir, "model.keras");
        model.Save(path);
        var loaded = LoadModel(path);
        var x = Tensor.FromArray([0.5f, -1f, 2f, 1f, 0f, -0.25f], 2, 3);
        Assert.Equal(model.Predict(x, verbose: 0).AsSpan().ToArray(), loaded.Predict(x, verbose: 0).AsSpan().ToArray());
    }

    [Fact]
    public void ModelFromJsonWithWeightsPredictsTheSame()
    {
        var model = Sequential(Input([2]), Dense(3, activation: "tanh"));
        var weights = Path.Combine(_dir, "model.weights.h5");
        model.SaveWeights(weights);
        var copy = ModelFromJson(model.ToJson());
        copy.LoadWeights(weights);
        var x = Tensor.FromArray([0.5f, -1f], 1, 2);
        Assert.Equal(model.Predict(x, verbose: 0).AsSpan().ToArray(), copy.Predict(x, verbose: 0).AsSpan().ToArray());
    }

    [Fact]
    public void RegisterSerializableNamesACustomLayerAsKerasDoes()
    {
        RegisterSerializable<Doubler>("DslTests");
        var model = Sequential(Input([2]), new Doubler());
        var copy = ModelFromJson(model.ToJson());
        Assert.IsType<Doubler>(copy.Layers[0]);
        Assert.Contains("\"registered_name\":\"DslTests>Doubler\"", model.ToJson());
    }

    public sealed class Doubler(string? name = null) : Runtime.Layers.Layer(name)
    {
        protected override Tensor Call(Tensor inputs) => inputs * 2f;
    }
}
