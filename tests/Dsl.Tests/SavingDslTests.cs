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
}
