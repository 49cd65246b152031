using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>
/// Stops training when a monitored quantity has stopped improving (Keras's <c>EarlyStopping</c>, with Keras 3's rules): after
/// <paramref name="patience"/> epochs without an improvement of more than <paramref name="minDelta"/>, it sets
/// <c>Model.StopTraining</c>. With <paramref name="restoreBestWeights"/>, the weights of the best epoch are kept in memory and
/// put back at the end of training. Epochs before <paramref name="startFromEpoch"/> are ignored (a warm-up).
/// </summary>
public sealed class EarlyStopping : Callback
{
    private bool? _increasing;
    private double _best;
    private IReadOnlyList<Tensor>? _bestWeights;

    public EarlyStopping(
        string monitor = "val_loss", double minDelta = 0, int patience = 0, int verbose = 0, string mode = "auto",
        double? baseline = null, bool restoreBestWeights = false, int startFromEpoch = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        MonitorMode.Validate(mode, nameof(EarlyStopping));
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, "EarlyStopping: patience must be >= 0.");
        if (startFromEpoch < 0) throw new ArgumentOutOfRangeException(nameof(startFromEpoch), startFromEpoch, "EarlyStopping: startFromEpoch must be >= 0.");
        Monitor = monitor;
        MinDelta = Math.Abs(minDelta);
        Patience = patience;
        Verbose = verbose;
        Mode = mode;
        Baseline = baseline;
        RestoreBestWeights = restoreBestWeights;
        StartFromEpoch = startFromEpoch;
    }

    public string Monitor { get; }

    public double MinDelta { get; }

    public int Patience { get; }

    public int Verbose { get; }

    public string Mode { get; }

    public double? Baseline { get; }

    public bool RestoreBestWeights { get; }

    public int StartFromEpoch { get; }

    /// <summary>Epochs since the last improvement.</summary>
    public int Wait { get; private set; }

    /// <summary>The epoch at which training was stopped (0 when it was not).</summary>
    public int StoppedEpoch { get; private set; }

    /// <summary>The epoch with the best monitored value.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The best monitored value so far.</summary>
    public double Best => _best;

    public override void OnTrainBegin(IDictionary<string, double> logs)
    {
        // The direction is decided at the first epoch's end, when the model's metrics are built (as Keras 3 does).
        _increasing = null;
        Wait = 0;
        StoppedEpoch = 0;
        BestEpoch = 0;
        _bestWeights = null;
    }

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        var current = MonitorMode.Read(logs, Monitor, "Early stopping");
        if (current is not { } value || epoch < StartFromEpoch) return;
        var model = RequireModel();
        if (_increasing is null)
        {
            _increasing = MonitorMode.IsIncreasing(Monitor, Mode, model);
            _best = _increasing.Value ? double.NegativeInfinity : double.PositiveInfinity;
        }
        if (RestoreBestWeights && _bestWeights is null)
        {
            // Until something improves, the current weights are the best.
            _bestWeights = model.GetWeights();
            BestEpoch = epoch;
        }
        Wait++;
        if (IsImprovement(value, _best))
        {
            _best = value;
            BestEpoch = epoch;
            if (RestoreBestWeights) _bestWeights = model.GetWeights();
            // The wait restarts only when the value beats the baseline as well as the previous best.
            if (Baseline is not { } baseline || IsImprovement(value, baseline)) Wait = 0;
            return;
        }
        if (Wait >= Patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            model.StopTraining = true;
        }
    }

    public override void OnTrainEnd(IDictionary<string, double> logs)
    {
        if (StoppedEpoch > 0 && Verbose > 0) Print($"Epoch {StoppedEpoch + 1}: early stopping");
        if (RestoreBestWeights && _bestWeights is not null)
        {
            if (Verbose > 0) Print($"Restoring model weights from the end of the best epoch: {BestEpoch + 1}.");
            RequireModel().SetWeights(_bestWeights);
        }
    }

    private bool IsImprovement(double value, double reference) =>
        _increasing == true ? value - MinDelta > reference : value + MinDelta < reference;
}
