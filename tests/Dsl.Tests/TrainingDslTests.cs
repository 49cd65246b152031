using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Training.Callbacks;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

/// <summary>These tests reseed the process-wide generator: they run apart from tests that draw from it.</summary>
[CollectionDefinition(nameof(GlobalRandomState), DisableParallelization = true)]
public sealed class GlobalRandomState;

[Collection(nameof(GlobalRandomState))]
public class TrainingDslTests
{
    private static (Tensor X, Tensor Y) Data(int n)
    {
        // Class = which of the four features is largest (three classes over the first three; the fourth is noise).
        var rng = new Random(5);
        var x = Enumerable.Range(0, n * 4).Select(_ => (float)rng.NextDouble()).ToArray();
        var y = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, 3).MaxBy(j => x[i * 4 + j])).ToArray();
        return (ConvertToTensor(x, n, 4), ConvertToTensor(y, n));
    }

    [Fact]
    public void CompileFitEvaluatePredictWithCallbacksReadLikeKeras()
    {
        SetRandomSeed(42);
        var (x, y) = Data(96);
        var model = Sequential(Input([4]), Dense(16, activation: "relu"), Dense(3));
        model.Compile(optimizer: Adam(learningRate: 0.01), loss: SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"]);
        var epochs = new List<int>();
        var csv = Path.Combine(Directory.CreateTempSubdirectory().FullName, "training.csv");
        var history = model.Fit(x, y, batchSize: 16, epochs: 12, verbose: 0, validationSplit: 0.25,
            callbacks:
            [
                EarlyStopping(monitor: "val_loss", patience: 3, restoreBestWeights: true),
                ReduceLROnPlateau(monitor: "val_loss", factor: 0.5, patience: 2),
                LearningRateScheduler((epoch, rate) => rate),
                CSVLogger(csv),
                TerminateOnNaN(),
                LambdaCallback(onEpochEnd: (epoch, _) => epochs.Add(epoch)),
            ]);

        Assert.Equal(history.Epoch, epochs);
        Assert.Contains("val_accuracy", history.Keys);
        Assert.Contains("learning_rate", history.Keys);
        Assert.True(history["loss"][^1] < history["loss"][0]);
        Assert.Equal(history.Epoch.Count + 1, File.ReadAllLines(csv).Length);

        var result = model.Evaluate(x, y, verbose: 0, returnDict: true);
        Assert.Equal(["loss", "accuracy"], result.Names);
        Assert.True(result["accuracy"] > 0.6, $"accuracy {result["accuracy"]}");
        Assert.Equal(new Shape(96, 3), model.Predict(x, verbose: 0).Shape);
        Assert.IsType<ModelCheckpoint>(ModelCheckpoint("ckpt-{epoch:02d}.keras", saveBestOnly: true));
        Assert.IsType<BackupAndRestore>(BackupAndRestore("backup"));
        Assert.IsType<ProgbarLogger>(ProgbarLogger());
    }

    [Fact]
    public void SetRandomSeedMakesFitsReproducible()
    {
        float[] Run()
        {
            SetRandomSeed(7);
            var (x, y) = Data(32);
            var model = Sequential(Input([4]), Dense(8, activation: "relu"), Dropout(0.25), Dense(3));
            model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");
            model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0);
            return model.GetWeights().SelectMany(w => w.ToArray()).ToArray();
        }
        Assert.Equal(Run(), Run());
    }
}
