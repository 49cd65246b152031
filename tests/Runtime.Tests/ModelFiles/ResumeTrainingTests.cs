using System.IO.Compression;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;
using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Runtime.Tests.ModelFiles;

/// <summary>A compiled model saved to .keras comes back compiled, with its optimizer state, and its next training step is identical.</summary>
public sealed class ResumeTrainingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nk-resume-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Optimizers => new() { "adam", "sgd_momentum" };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void NextStepAfterLoadIsIdentical(string optimizerName)
    {
        var (x, y) = Data();
        var model = new Sequential([new InputLayer(new Shape(3)), new Dense(5, "tanh"), new Dense(2)]);
        Optimizer optimizer = optimizerName == "adam" ? new Adam(learningRate: 0.01f) : new SGD(learningRate: 0.05f, momentum: 0.9f);
        model.Compile(optimizer, "mse", new[] { "mae" });
        for (var i = 0; i < 3; i++) model.TrainOnBatch(x, y);
        var path = Path.Combine(_dir, "trained.keras");
        model.Save(path);

        var copy = Model.Load(path);
        Assert.True(copy.Compiled);
        Assert.Equal(model.Optimizer!.Iterations, copy.Optimizer!.Iterations);
        Assert.Equal(model.Optimizer.Variables.Count, copy.Optimizer.Variables.Count);
        for (var i = 0; i < model.Optimizer.Variables.Count; i++) TensorAssert.Equal(model.Optimizer.Variables[i].Value, copy.Optimizer.Variables[i].Value);

        model.ResetMetrics(); // the running means cover the earlier steps; the copy's start afresh
        var expected = model.TrainOnBatch(x, y);
        var actual = copy.TrainOnBatch(x, y);
        Assert.Equal(expected.Names, actual.Names);
        Assert.Equal(expected.ToArray(), actual.ToArray());
        var after = model.GetWeights();
        var copyAfter = copy.GetWeights();
        for (var i = 0; i < after.Count; i++) TensorAssert.Equal(after[i], copyAfter[i]);
    }

    [Fact]
    public void CompileConfigNamesTheOptimizerLossAndMetrics()
    {
        var model = new Sequential([new InputLayer(new Shape(3)), new Dense(2)]);
        model.Compile(new Adam(learningRate: 0.01f), "mse", new[] { "mae" });
        var path = Path.Combine(_dir, "compiled.keras");
        model.Save(path);
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry("config.json")!.Open());
        var compile = JsonNode.Parse(reader.ReadToEnd())!["compile_config"]!;
        Assert.Equal("Adam", (string?)compile["optimizer"]!["class_name"]);
        Assert.Equal("keras.optimizers", (string?)compile["optimizer"]!["module"]);
        Assert.Equal("MeanSquaredError", (string?)compile["loss"]!["class_name"]);
        Assert.Equal("[\"mae\"]", compile["metrics"]!.ToJsonString());
    }

    [Fact]
    public void ReadsTheCompileConfigKerasWrites()
    {
        // As Keras 3.15 writes it for compile(optimizer="adam", loss="mse", metrics=["mae"]): strings, an optimizer with keys
        // NotebookKeras does not model (loss_scale_factor, gradient_accumulation_steps), and flags it ignores.
        const string KerasCompileConfig = """
            {"optimizer": {"module": "keras.optimizers", "class_name": "Adam", "config": {"name": "adam", "learning_rate": 0.0010000000474974513,
              "weight_decay": null, "clipnorm": null, "global_clipnorm": null, "clipvalue": null, "use_ema": false, "ema_momentum": 0.99,
              "ema_overwrite_frequency": null, "loss_scale_factor": null, "gradient_accumulation_steps": null, "beta_1": 0.9, "beta_2": 0.999,
              "epsilon": 1e-07, "amsgrad": false}, "registered_name": null},
             "loss": "mse", "loss_weights": null, "metrics": ["mae"], "weighted_metrics": null, "run_eagerly": false,
             "steps_per_execution": 1, "jit_compile": false, "auto_scale_loss": true}
            """;
        var path = Path.Combine(_dir, "keras_compiled.keras");
        new Sequential([new InputLayer(new Shape(3)), new Dense(2)]).Save(path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("config.json")!;
            JsonObject config;
            using (var reader = new StreamReader(entry.Open())) config = JsonNode.Parse(reader.ReadToEnd())!.AsObject();
            config["compile_config"] = JsonNode.Parse(KerasCompileConfig);
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("config.json").Open());
            writer.Write(config.ToJsonString());
        }
        var model = Model.Load(path);
        Assert.True(model.Compiled);
        var adam = Assert.IsType<Adam>(model.Optimizer);
        Assert.Equal(0.001f, adam.LearningRate, 6);
        var (x, y) = Data();
        Assert.Equal(["loss", "mae"], model.TrainOnBatch(x, y).Names);
    }

    [Fact]
    public void BackupAndRestoreResumesWithTheOptimizerState()
    {
        // An interrupted fit resumed from latest.weights.h5 by a fresh model ends exactly where an uninterrupted fit does:
        // Adam's moments and iteration count come back with the weights (Keras 3 backs up both).
        var (x, y) = Data();
        Sequential Fresh(string init)
        {
            var model = new Sequential([new InputLayer(new Shape(3)), new Dense(4, "tanh", kernelInitializer: init), new Dense(2, kernelInitializer: init)]);
            model.Compile(new Adam(learningRate: 0.05f), "mse");
            return model;
        }

        var straight = Fresh("ones");
        straight.Fit(x, y, batchSize: 2, epochs: 4, verbose: 0, shuffle: false);

        var backupDir = Path.Combine(_dir, "backup");
        var interrupted = Fresh("ones");
        using var cancel = new CancellationTokenSource();
        var stop = new LambdaCallback(onEpochEnd: (epoch, _) =>
        {
            if (epoch == 1) cancel.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() => interrupted.Fit(
            x, y, batchSize: 2, epochs: 4, verbose: 0, shuffle: false, callbacks: [new BackupAndRestore(backupDir), stop], cancellationToken: cancel.Token));
        Assert.True(File.Exists(Path.Combine(backupDir, "latest.weights.h5")));

        var resumed = Fresh("zeros");
        resumed.Fit(x, y, batchSize: 2, epochs: 4, verbose: 0, shuffle: false, callbacks: [new BackupAndRestore(backupDir)]);
        Assert.Equal(straight.Optimizer!.Iterations, resumed.Optimizer!.Iterations);
        var expected = straight.GetWeights();
        var actual = resumed.GetWeights();
        for (var i = 0; i < expected.Count; i++) TensorAssert.Close(expected[i], actual[i], 1e-6f, 1e-7f, $"weight {i}");
        Assert.False(Directory.Exists(backupDir));
    }

    private static (Tensor X, Tensor Y) Data()
    {
        var random = new Random(3);
        float[] Values(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        return (Tensor.FromArray(Values(8 * 3), 8, 3), Tensor.FromArray(Values(8 * 2), 8, 2));
    }
}
