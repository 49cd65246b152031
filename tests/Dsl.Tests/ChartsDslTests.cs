using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

[Collection(nameof(GlobalRandomState))]
public sealed class ChartsDslTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nk-dsl-charts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonArray Data(Visualizers.Charts.Figure figure) => JsonNode.Parse(figure.ToJson())!["data"]!.AsArray();

    private static IEnumerable<string> Names(Visualizers.Charts.Figure figure) => Data(figure).Select(t => (string)t!["name"]!);

    [Fact]
    public void ANotebooksChartsAfterAFit()
    {
        SetRandomSeed(7);
        var x = ConvertToTensor(Enumerable.Range(0, 24).Select(i => MathF.Sin(i * 0.7f)).ToArray(), 12, 2);
        var y = ConvertToTensor(Enumerable.Range(0, 12).Select(i => i % 3).ToArray(), 12);
        var model = Sequential(Input([2]), Dense(5, activation: "relu", name: "hidden"), Dense(3, name: "scores"));
        model.Compile(optimizer: "adam", loss: SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"]);
        var history = model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, validationSplit: 0.25);

        Assert.Equal(new[] { "loss", "val_loss", "accuracy", "val_accuracy" }, Names(PlotHistory(history)));
        Assert.Equal(new[] { "sigmoid", "tanh", "relu", "softplus" }, Names(PlotActivations()));
        Assert.Equal(new[] { "gelu", "gelu'" }, Names(PlotActivations(["gelu"], derivatives: true)));

        var confusion = PlotConfusionMatrix(y, model.Predict(x, verbose: 0), ["a", "b", "c"], normalize: true);
        var rows = Data(confusion)[0]!["customdata"]!.AsArray();
        Assert.Equal(12, rows.Sum(r => r!.AsArray().Sum(c => c!.GetValue<int>())));

        Assert.Equal(new[] { "kernel", "bias", "kernel", "bias" }, Names(PlotWeightHistograms(model)));
        Assert.Equal(4, Data(PlotGradientHistograms(model, x, y)).Count);

        var page = Path.Combine(_dir, "curves.html");
        PlotHistory(history).Save(page);
        Assert.Contains("Plotly.newPlot", File.ReadAllText(page));
    }
}
