using NotebookKeras.Runtime;
using NotebookKeras.Runtime.Training.Callbacks;
using Data = NotebookKeras.Runtime.Datasets;
using TensorType = NotebookKeras.Runtime.Tensors.Tensor;

namespace NotebookKeras.Dsl;

public static partial class Keras
{
    /// <summary>
    /// <c>keras.utils.set_random_seed(seed)</c>: reseeds the global generator that weight initializers, dropout and Fit's
    /// shuffling draw from, so the same seed (on the same machine, with the same thread count) gives a bit-for-bit identical fit.
    /// </summary>
    public static void SetRandomSeed(int seed) => SeedGenerator.SetGlobalSeed(seed);

    /// <summary><c>keras.callbacks.EarlyStopping</c>: stop when <paramref name="monitor"/> stops improving; optionally restore the best weights.</summary>
    public static EarlyStopping EarlyStopping(
        string monitor = "val_loss", double minDelta = 0, int patience = 0, int verbose = 0, string mode = "auto",
        double? baseline = null, bool restoreBestWeights = false, int startFromEpoch = 0) =>
        new(monitor, minDelta, patience, verbose, mode, baseline, restoreBestWeights, startFromEpoch);

    /// <summary><c>keras.callbacks.ModelCheckpoint</c>: save the model or its weights at each epoch (or the best one only).</summary>
    public static ModelCheckpoint ModelCheckpoint(
        string filepath, string monitor = "val_loss", int verbose = 0, bool saveBestOnly = false, bool saveWeightsOnly = false,
        string mode = "auto", int? saveFreq = null, double? initialValueThreshold = null) =>
        new(filepath, monitor, verbose, saveBestOnly, saveWeightsOnly, mode, saveFreq, initialValueThreshold);

    /// <summary><c>keras.callbacks.ReduceLROnPlateau</c>: lower the learning rate when <paramref name="monitor"/> plateaus.</summary>
    public static ReduceLROnPlateau ReduceLROnPlateau(
        string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0, string mode = "auto",
        double minDelta = 1e-4, int cooldown = 0, double minLr = 0) =>
        new(monitor, factor, patience, verbose, mode, minDelta, cooldown, minLr);

    /// <summary><c>keras.callbacks.LearningRateScheduler</c>: the rate of each epoch from <c>schedule(epoch, rate)</c>.</summary>
    public static LearningRateScheduler LearningRateScheduler(Func<int, float, float> schedule, int verbose = 0) => new(schedule, verbose);

    /// <summary><c>keras.callbacks.LearningRateScheduler</c> with a schedule of the epoch only.</summary>
    public static LearningRateScheduler LearningRateScheduler(Func<int, float> schedule, int verbose = 0) => new(schedule, verbose);

    /// <summary><c>keras.callbacks.CSVLogger</c>: one CSV row of results per epoch.</summary>
    public static CSVLogger CSVLogger(string filename, string separator = ",", bool append = false) => new(filename, separator, append);

    /// <summary><c>keras.callbacks.LambdaCallback</c>: a callback from delegates.</summary>
    public static LambdaCallback LambdaCallback(
        Action<int, IDictionary<string, double>>? onEpochBegin = null, Action<int, IDictionary<string, double>>? onEpochEnd = null,
        Action<int, IDictionary<string, double>>? onTrainBatchBegin = null, Action<int, IDictionary<string, double>>? onTrainBatchEnd = null,
        Action<IDictionary<string, double>>? onTrainBegin = null, Action<IDictionary<string, double>>? onTrainEnd = null) =>
        new(onEpochBegin, onEpochEnd, onTrainBatchBegin, onTrainBatchEnd, onTrainBegin, onTrainEnd);

    /// <summary><c>keras.callbacks.TerminateOnNaN</c>: stop as soon as the loss is NaN or infinite.</summary>
    public static TerminateOnNaN TerminateOnNaN() => new();

    /// <summary><c>keras.callbacks.BackupAndRestore</c>: resume an interrupted fit from its last backup.</summary>
    public static BackupAndRestore BackupAndRestore(string backupDir, int? saveFreq = null, bool deleteCheckpoint = true) =>
        new(backupDir, saveFreq, deleteCheckpoint);

    /// <summary><c>keras.callbacks.ProgbarLogger</c>: progress lines (added by Fit itself when verbose is not 0).</summary>
    public static ProgbarLogger ProgbarLogger() => new();

    /// <summary><c>keras.datasets</c>: <c>var ((xTrain, yTrain), (xTest, yTest)) = Datasets.FashionMnist();</c></summary>
    public static class Datasets
    {
        /// <summary><c>keras.datasets.fashion_mnist.load_data()</c>.</summary>
        public static ((TensorType X, TensorType Y) Train, (TensorType X, TensorType Y) Test) FashionMnist(string? path = null) =>
            Data.FashionMnist.LoadData(path);

        /// <summary><c>keras.datasets.mnist.load_data()</c>.</summary>
        public static ((TensorType X, TensorType Y) Train, (TensorType X, TensorType Y) Test) Mnist(string? path = null) =>
            Data.Mnist.LoadData(path);
    }
}
