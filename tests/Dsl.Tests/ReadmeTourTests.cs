using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

/// <summary>The README's tour, verbatim, so the documentation stays true.</summary>
public class ReadmeTourTests
{
    [Fact]
    public void BuildingBlocksSnippetRuns()
    {
        var model = Sequential(Input([784]))
            .Add(Dense(512, activation: "relu"))
            .Add(Dropout(0.2))
            .Add(Dense(10, activation: "softmax"));
        Assert.Contains("Total params: 407,050", model.Summary());

        var a = Input([32], name: "a");
        var b = Input([32], name: "b");
        var shared = Dense(16, activation: "relu");
        var merged = Concatenate().Apply([shared.Apply(a), shared.Apply(b)]);
        var functional = Model([a, b], [Dense(1).Apply(merged)]);
        Assert.Equal(32 * 16 + 16 + 32 + 1, functional.CountParams());
        Assert.Contains("Connected to", functional.Summary());
    }

    [Fact]
    public void TrainingSnippetRuns()
    {
        // The README's lines, on the first 512 images and one epoch so the test stays fast.
        var ((xTrain, yTrain), (xTest, yTest)) = Datasets.FashionMnist();
        (xTrain, yTrain, xTest, yTest) = (xTrain.Batch(0, 512), yTrain.Batch(0, 512), xTest.Batch(0, 256), yTest.Batch(0, 256));
        var model = Sequential(Input([28, 28]), Flatten(), Dense(128, activation: "relu"), Dense(10));
        model.Compile(optimizer: "adam", loss: SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"]);
        var history = model.Fit(xTrain / 255f, yTrain, epochs: 1, verbose: 0);
        var result = model.Evaluate(xTest / 255f, yTest, returnDict: true, verbose: 0);
        Assert.Single(history.Epoch);

        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "classifier.keras");
        model.Save(path);
        var again = LoadModel(path);
        Assert.Equal(model.Predict(xTest / 255f, verbose: 0).ToArray(), again.Predict(xTest / 255f, verbose: 0).ToArray());
        Assert.InRange((double)result["accuracy"], 0.3, 1.0);
    }
}
