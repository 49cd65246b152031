using System.Text.RegularExpressions;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Runtime.Tests.Training;

public class CallbackTests
{
    /// <summary>y = 0.5·x to validate on while training pulls the single weight from 0 towards 1: val_loss falls, then rises.</summary>
    private static (Sequential Model, SGD Optimizer) OverShooter(out Tensor x, out Tensor y, out Tensor xVal, out Tensor yVal)
    {
        (x, y) = TrainingData.Line(4);
        x /= 3f;
        y /= 3f;
        xVal = x;
        yVal = y * 0.5f;
        var model = new Sequential().Add(InputLayer.Create(new Shape(1))).Add(new Dense(1, useBias: false, kernelInitializer: "zeros"));
        var optimizer = new SGD(learningRate: 0.3f);
        model.Compile(optimizer, new MeanSquaredError());
        return (model, optimizer);
    }

    [Fact]
    public void EarlyStoppingStopsAfterPatienceAndRestoresTheBestWeights()
    {
        var (model, _) = OverShooter(out var x, out var y, out var xVal, out var yVal);
        var kernels = new List<float>();
        var record = new LambdaCallback(onEpochEnd: (_, _) => kernels.Add(model.GetWeights()[0].ToArray()[0]));
        var stopping = new EarlyStopping(monitor: "val_loss", patience: 2, restoreBestWeights: true);
        var history = model.Fit(x, y, batchSize: 4, epochs: 50, verbose: 0, shuffle: false,
            validationData: (xVal, yVal), callbacks: [record, stopping]);

        var valLoss = history["val_loss"];
        var best = valLoss.ToList().IndexOf(valLoss.Min());
        Assert.Equal(best, stopping.BestEpoch);
        // Stopped patience epochs after the best one, long before 50 epochs.
        Assert.Equal(best + 2, stopping.StoppedEpoch);
        Assert.Equal(best + 3, valLoss.Count);
        Assert.True(model.StopTraining);
        Assert.Equal(kernels[best], model.GetWeights()[0].ToArray()[0]);
        Assert.Equal(valLoss[best], model.Evaluate(xVal, yVal, verbose: 0).Loss, 6);
    }

    [Fact]
    public void EarlyStoppingHonoursMinDeltaBaselineAndStartFromEpoch()
    {
        var (model, _) = OverShooter(out var x, out var y, out _, out _);
        // Loss improves every epoch, but by less than minDelta after the first few.
        var stopping = new EarlyStopping(monitor: "loss", minDelta: 1e3, patience: 1);
        model.Fit(x, y, batchSize: 4, epochs: 10, verbose: 0, callbacks: [stopping]);
        Assert.Equal(1, stopping.StoppedEpoch);

        (model, _) = OverShooter(out x, out y, out _, out _);
        var warm = new EarlyStopping(monitor: "loss", minDelta: 1e3, patience: 1, startFromEpoch: 4);
        model.Fit(x, y, batchSize: 4, epochs: 10, verbose: 0, callbacks: [warm]);
        Assert.Equal(5, warm.StoppedEpoch);

        Assert.Throws<ArgumentException>(() => new EarlyStopping(mode: "upwards"));
    }

    [Fact]
    public void ReduceLROnPlateauLowersTheRateAfterPatienceThenCoolsDown()
    {
        // Frozen weights: the loss never improves after the first epoch.
        var (x, y) = TrainingData.Line(4);
        var model = new Sequential().Add(InputLayer.Create(new Shape(1))).Add(new Dense(1, trainable: false));
        var optimizer = new SGD(learningRate: 1f);
        model.Compile(optimizer, new MeanSquaredError());
        var reduce = new ReduceLROnPlateau(monitor: "loss", factor: 0.5, patience: 2, cooldown: 1, minLr: 0.2);
        var history = model.Fit(x, y, epochs: 9, verbose: 0, callbacks: [reduce]);
        // The rate logged at an epoch's end is the one it trained with. As in Keras, the cooldown epoch also counts down before
        // the wait is checked, so after the first reduction (epoch 2) the rate halves every second epoch, down to minLr.
        Assert.Equal([1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.2, 0.2], history["learning_rate"].Select(v => Math.Round(v, 6)));
        Assert.Equal(0.2f, optimizer.LearningRate);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(factor: 1.0));
    }

    [Fact]
    public void LearningRateSchedulerSetsTheRateAtEachEpoch()
    {
        var (x, y) = TrainingData.Line(4);
        var model = new Sequential().Add(InputLayer.Create(new Shape(1))).Add(new Dense(1, trainable: false));
        var optimizer = new SGD(learningRate: 1f);
        model.Compile(optimizer, new MeanSquaredError());
        var history = model.Fit(x, y, epochs: 3, verbose: 0, callbacks: [new LearningRateScheduler((epoch, rate) => epoch == 0 ? rate : rate / 10)]);
        Assert.Equal([1, 0.1, 0.01], history["learning_rate"].Select(v => Math.Round(v, 6)));
        model.Fit(x, y, epochs: 2, verbose: 0, callbacks: [new LearningRateScheduler(epoch => 0.5f * (epoch + 1))]);
        Assert.Equal(1f, optimizer.LearningRate);
    }

    [Fact]
    public void TerminateOnNaNStopsAtTheFirstBadBatch()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 4f], 4, 1);
        var y = Tensor.FromArray([1f, float.NaN, 3f, 4f], 4, 1);
        var model = new Sequential().Add(InputLayer.Create(new Shape(1))).Add(new Dense(1));
        var optimizer = new SGD(learningRate: 0.01f);
        model.Compile(optimizer, new MeanSquaredError());
        var history = model.Fit(x, y, batchSize: 1, epochs: 3, shuffle: false, verbose: 0, callbacks: [new TerminateOnNaN()]);
        Assert.Equal(2, optimizer.Iterations);
        Assert.Single(history.Epoch);
    }

    [Fact]
    public void CsvLoggerWritesOneRowPerEpochWithSortedColumns()
    {
        var (model, _) = OverShooter(out var x, out var y, out var xVal, out var yVal);
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "log.csv");
        model.Fit(x, y, epochs: 3, verbose: 0, validationData: (xVal, yVal), validationFreq: 2, callbacks: [new CSVLogger(path)]);
        var lines = File.ReadAllLines(path);
        Assert.Equal("epoch,loss,val_loss", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^0,[0-9.Ee-]+,NA$", lines[1]);
        Assert.Matches(@"^1,[0-9.Ee-]+,[0-9.Ee-]+$", lines[2]);
        model.Fit(x, y, epochs: 1, verbose: 0, callbacks: [new CSVLogger(path, append: true)]);
        Assert.Equal(5, File.ReadAllLines(path).Length);
    }

    [Fact]
    public void ModelCheckpointSavesTheBestWeightsAndTheyLoadBack()
    {
        var (model, _) = OverShooter(out var x, out var y, out var xVal, out var yVal);
        var dir = Directory.CreateTempSubdirectory().FullName;
        var checkpoint = new ModelCheckpoint(Path.Combine(dir, "best-{epoch:02d}.weights.h5"), saveBestOnly: true, saveWeightsOnly: true);
        var everyEpoch = new ModelCheckpoint(Path.Combine(dir, "model-{epoch}-{loss:.3f}.keras"));
        var history = model.Fit(x, y, batchSize: 4, epochs: 8, verbose: 0, shuffle: false, validationData: (xVal, yVal), callbacks: [checkpoint, everyEpoch]);

        var best = history["val_loss"].ToList().IndexOf(history["val_loss"].Min());
        Assert.Equal(Path.Combine(dir, $"best-{best + 1:00}.weights.h5"), checkpoint.LastSaved);
        Assert.Equal(history["val_loss"][best], checkpoint.Best);
        Assert.Equal(8, Directory.GetFiles(dir, "model-*.keras").Length);
        var first = Model.Load(Path.Combine(dir, "model-1-" + history["loss"][0].ToString("F3", System.Globalization.CultureInfo.InvariantCulture) + ".keras"));
        Assert.Equal(model.Layers.Count, first.Layers.Count);

        model.LoadWeights(checkpoint.LastSaved!);
        Assert.Equal(history["val_loss"][best], model.Evaluate(xVal, yVal, verbose: 0).Loss, 6);
        Assert.Equal("ckpt-07-0.12", ModelCheckpoint.FormatPath("ckpt-{epoch:02d}-{val_loss:.2f}", 6, new Dictionary<string, double> { ["val_loss"] = 0.1234 }));
        Assert.Throws<KeyNotFoundException>(() => ModelCheckpoint.FormatPath("{val_acc}", 0, new Dictionary<string, double>()));
        Assert.Contains("must end in .keras", Assert.Throws<ArgumentException>(() => new ModelCheckpoint(Path.Combine(dir, "m"))).Message);
        Assert.Contains(".weights.h5", Assert.Throws<ArgumentException>(() => new ModelCheckpoint(Path.Combine(dir, "m.keras"), saveWeightsOnly: true)).Message);
    }

    [Fact]
    public void BackupAndRestoreResumesAnInterruptedFit()
    {
        var dir = Path.Combine(Directory.CreateTempSubdirectory().FullName, "backup");
        var (x, y) = TrainingData.Line(4);
        var model = new Sequential().Add(InputLayer.Create(new Shape(1))).Add(new Dense(1, kernelInitializer: "zeros"));
        model.Compile(new SGD(learningRate: 0.01f), new MeanSquaredError());
        var backup = new BackupAndRestore(dir);
        using var cancel = new CancellationTokenSource();
        var interrupt = new LambdaCallback(onEpochEnd: (epoch, _) =>
        {
            if (epoch == 1) cancel.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() => model.Fit(x, y, epochs: 5, verbose: 0, callbacks: [backup, interrupt], cancellationToken: cancel.Token));
        Assert.True(Directory.Exists(dir));
        var saved = model.GetWeights()[0].ToArray();

        // A new model of the same architecture picks up the weights and the epoch.
        var resumed = new Sequential().Add(InputLayer.Create(new Shape(1))).Add(new Dense(1, kernelInitializer: "ones"));
        resumed.Compile(new SGD(learningRate: 0f), new MeanSquaredError());
        var weightsAtStart = new List<float>();
        var history = resumed.Fit(x, y, epochs: 5, verbose: 0,
            callbacks: [new BackupAndRestore(dir), new LambdaCallback(onTrainBegin: _ => { }, onEpochBegin: (_, _) => weightsAtStart.Add(resumed.GetWeights()[0].ToArray()[0]))]);
        Assert.Equal([2, 3, 4], history.Epoch);
        Assert.Equal(saved[0], weightsAtStart[0]);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void ProgbarLoggerWritesKerasLinesForVerbose2AndThrottlesVerbose1()
    {
        var (model, _) = OverShooter(out var x, out var y, out var xVal, out var yVal);
        var text = new StringWriter();
        model.Fit(x, y, batchSize: 2, epochs: 2, verbose: 2, validationData: (xVal, yVal),
            callbacks: [new ProgbarLogger(new TextProgressRenderer(text, live: false))]);
        var lines = text.ToString().Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("Epoch 1/2", lines[0]);
        Assert.Matches(new Regex(@"^2/2 - \d+s - \d+(ms|us|s)/step - loss: \S+ - val_loss: \S+$"), lines[1]);
        Assert.Equal("Epoch 2/2", lines[2]);

        var live = new StringWriter();
        model.Fit(x, y, batchSize: 1, epochs: 1, verbose: 1, callbacks: [new ProgbarLogger(new TextProgressRenderer(live, live: true))]);
        var output = live.ToString();
        Assert.Contains("4/4 ━━━━━━━━━━━━━━━━━━━━", output);
        Assert.EndsWith(Environment.NewLine, output);
        // A fast epoch of 4 steps is drawn a few times at most, not once per step.
        Assert.True(output.Count(c => c == '\r') <= 3, output);

        var evaluation = new StringWriter();
        model.Evaluate(x, y, batchSize: 2, verbose: 2, callbacks: [new ProgbarLogger(new TextProgressRenderer(evaluation, live: false))]);
        Assert.True(Regex.IsMatch(evaluation.ToString(), @"^2/2 - \d+s - \d+(ms|us|s)/step - loss: "), evaluation.ToString());

        Assert.Equal("0.1235", TextProgressRenderer.Value(0.12345));
        Assert.Equal("1.2340e-04", TextProgressRenderer.Value(0.0001234));
    }

    [Fact]
    public void CallbacksSeeTheHooksInKerasOrder()
    {
        var (model, _) = OverShooter(out var x, out var y, out var xVal, out var yVal);
        var events = new List<string>();
        var spy = new SpyCallback(events);
        model.Fit(x, y, batchSize: 2, epochs: 1, verbose: 0, validationData: (xVal, yVal), callbacks: [spy]);
        Assert.Equal(["set_model", "train_begin", "epoch_begin 0", "train_batch_begin 0", "train_batch_end 0", "train_batch_begin 1", "train_batch_end 1",
            "test_begin", "test_batch_begin 0", "test_batch_end 0", "test_batch_begin 1", "test_batch_end 1", "test_end", "epoch_end 0 loss,val_loss", "train_end"], events.Skip(1));
        Assert.Equal(new TrainingParams(0, 1, 2), spy.Params);
        Assert.Same(model, spy.Model);
        events.Clear();
        model.Predict(x, batchSize: 4, verbose: 0, callbacks: [spy]);
        Assert.Equal(["predict_begin", "predict_batch_begin 0", "predict_batch_end 0", "predict_end"], events.Skip(2));
    }

    private sealed class SpyCallback(List<string> events) : Callback
    {
        public override void SetModel(Model model)
        {
            base.SetModel(model);
            events.Add("set_model");
        }

        public override void SetParams(TrainingParams parameters)
        {
            base.SetParams(parameters);
            events.Insert(0, "set_params");
        }

        public override void OnTrainBegin(IDictionary<string, double> logs) => events.Add("train_begin");
        public override void OnTrainEnd(IDictionary<string, double> logs) => events.Add("train_end");
        public override void OnEpochBegin(int epoch, IDictionary<string, double> logs) => events.Add($"epoch_begin {epoch}");
        public override void OnEpochEnd(int epoch, IDictionary<string, double> logs) => events.Add($"epoch_end {epoch} {string.Join(",", logs.Keys)}");
        public override void OnTrainBatchBegin(int batch, IDictionary<string, double> logs) => events.Add($"train_batch_begin {batch}");
        public override void OnTrainBatchEnd(int batch, IDictionary<string, double> logs) => events.Add($"train_batch_end {batch}");
        public override void OnTestBegin(IDictionary<string, double> logs) => events.Add("test_begin");
        public override void OnTestEnd(IDictionary<string, double> logs) => events.Add("test_end");
        public override void OnTestBatchBegin(int batch, IDictionary<string, double> logs) => events.Add($"test_batch_begin {batch}");
        public override void OnTestBatchEnd(int batch, IDictionary<string, double> logs) => events.Add($"test_batch_end {batch}");
        public override void OnPredictBegin(IDictionary<string, double> logs) => events.Add("predict_begin");
        public override void OnPredictEnd(IDictionary<string, double> logs) => events.Add("predict_end");
        public override void OnPredictBatchBegin(int batch, IDictionary<string, double> logs) => events.Add($"predict_batch_begin {batch}");
        public override void OnPredictBatchEnd(int batch, IDictionary<string, double> logs) => events.Add($"predict_batch_end {batch}");
    }
}

public class MonitorModeTests
{
    [Fact]
    public void AutoModeReadsTheCompiledMetricsDirectionThenTheName()
    {
        var (x, y) = TrainingData.Blobs(8);
        var model = TrainingData.Classifier();
        model.Compile(new SGD(), new SparseCategoricalCrossentropy(fromLogits: true), ["accuracy", "sparse_categorical_crossentropy"]);
        model.Evaluate(x, y, verbose: 0);
        Assert.True(MonitorMode.IsIncreasing("val_accuracy", "auto", model));
        Assert.False(MonitorMode.IsIncreasing("sparse_categorical_crossentropy", "auto", model));
        Assert.False(MonitorMode.IsIncreasing("val_loss", "auto", model));
        Assert.False(MonitorMode.IsIncreasing("out_loss", "auto"));
        Assert.True(MonitorMode.IsIncreasing("val_auc", "auto"));
        Assert.True(MonitorMode.IsIncreasing("loss", "max"));
    }
}
