using System.Text.Json.Nodes;

namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>
/// Makes an interrupted fit resumable (Keras's <c>BackupAndRestore</c>): it backs up the weights (with the optimizer's state,
/// as <c>latest.weights.h5</c>) and the epoch reached (<c>training_metadata.json</c>) to <paramref name="backupDir"/> at the end
/// of every epoch (or every <paramref name="saveFreq"/> batches); when a later
/// <c>Fit</c> starts with a backup present, it restores the weights and continues from the saved epoch. A fit that completes
/// deletes the backup (unless <paramref name="deleteCheckpoint"/> is false); a cancelled or failed one keeps it.
/// </summary>
public sealed class BackupAndRestore : Callback
{
    private int _currentEpoch;
    private int _batchesSinceSave;
    private int _lastBatch;

    public BackupAndRestore(string backupDir, int? saveFreq = null, bool deleteCheckpoint = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupDir);
        if (saveFreq is <= 0) throw new ArgumentOutOfRangeException(nameof(saveFreq), saveFreq, "BackupAndRestore: saveFreq must be a positive number of batches, or null to back up at every epoch.");
        BackupDir = backupDir;
        SaveFreq = saveFreq;
        DeleteCheckpoint = deleteCheckpoint;
    }

    public string BackupDir { get; }

    /// <summary>Back up every this many batches; null backs up at the end of every epoch.</summary>
    public int? SaveFreq { get; }

    public bool DeleteCheckpoint { get; }

    private string WeightsPath => Path.Combine(BackupDir, "latest.weights.h5");

    private string MetadataPath => Path.Combine(BackupDir, "training_metadata.json");

    public override void OnTrainBegin(IDictionary<string, double> logs)
    {
        var model = RequireModel();
        _currentEpoch = 0;
        _batchesSinceSave = 0;
        if (File.Exists(WeightsPath)) model.LoadWeights(WeightsPath);
        if (File.Exists(MetadataPath) && JsonNode.Parse(File.ReadAllText(MetadataPath)) is JsonObject metadata && metadata["epoch"] is { } epoch)
            model.ResumeFromEpoch = (int)epoch;
    }

    public override void OnEpochBegin(int epoch, IDictionary<string, double> logs) => _currentEpoch = epoch;

    public override void OnTrainBatchEnd(int batch, IDictionary<string, double> logs)
    {
        _lastBatch = batch + 1;
        if (SaveFreq is not { } every || ++_batchesSinceSave < every) return;
        _batchesSinceSave = 0;
        Save(_currentEpoch, _lastBatch);
    }

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        _currentEpoch = epoch + 1;
        _lastBatch = 0;
        if (SaveFreq is null) Save(_currentEpoch, 0);
    }

    public override void OnTrainEnd(IDictionary<string, double> logs)
    {
        if (DeleteCheckpoint && Directory.Exists(BackupDir)) Directory.Delete(BackupDir, recursive: true);
    }

    private void Save(int epoch, int batch)
    {
        Directory.CreateDirectory(BackupDir);
        RequireModel().SaveWeights(WeightsPath);
        File.WriteAllText(MetadataPath, new JsonObject { ["epoch"] = epoch, ["batch"] = batch }.ToJsonString());
    }
}
