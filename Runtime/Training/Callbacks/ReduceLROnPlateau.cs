using System.Globalization;
using NotebookKeras.Runtime.Optimizers;

namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>
/// Lowers the learning rate when a monitored quantity has stopped improving (Keras's <c>ReduceLROnPlateau</c>): after
/// <paramref name="patience"/> epochs without an improvement of more than <paramref name="minDelta"/>, the rate becomes
/// max(rate * <paramref name="factor"/>, <paramref name="minLr"/>), then <paramref name="cooldown"/> epochs pass before
/// counting again. Every epoch's logs get the current "learning_rate".
/// </summary>
public sealed class ReduceLROnPlateau : Callback
{
    private bool _increasing;
    private double _best;
    private int _cooldownCounter;

    public ReduceLROnPlateau(
        string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0, string mode = "auto",
        double minDelta = 1e-4, int cooldown = 0, double minLr = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        MonitorMode.Validate(mode, nameof(ReduceLROnPlateau));
        if (!(factor < 1.0)) throw new ArgumentOutOfRangeException(nameof(factor), factor, $"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={factor}.");
        if (!(factor > 0)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "ReduceLROnPlateau: factor must be > 0.");
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, "ReduceLROnPlateau: patience must be >= 0.");
        if (cooldown < 0) throw new ArgumentOutOfRangeException(nameof(cooldown), cooldown, "ReduceLROnPlateau: cooldown must be >= 0.");
        if (minLr < 0) throw new ArgumentOutOfRangeException(nameof(minLr), minLr, "ReduceLROnPlateau: minLr must be >= 0.");
        Monitor = monitor;
        Factor = factor;
        Patience = patience;
        Verbose = verbose;
        Mode = mode;
        MinDelta = minDelta;
        Cooldown = cooldown;
        MinLr = minLr;
        Reset();
    }

    public string Monitor { get; }

    public double Factor { get; }

    public int Patience { get; }

    public int Verbose { get; }

    public string Mode { get; }

    public double MinDelta { get; }

    public int Cooldown { get; }

    public double MinLr { get; }

    /// <summary>Epochs without improvement outside cooldown.</summary>
    public int Wait { get; private set; }

    public override void OnTrainBegin(IDictionary<string, double> logs) => Reset();

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        var optimizer = RequireOptimizer();
        logs["learning_rate"] = optimizer.LearningRate;
        var current = MonitorMode.Read(logs, Monitor, "Learning rate reduction");
        if (current is not { } value) return;
        if (_cooldownCounter > 0)
        {
            _cooldownCounter--;
            Wait = 0;
        }
        if (_increasing ? value > _best + MinDelta : value < _best - MinDelta)
        {
            _best = value;
            Wait = 0;
        }
        else if (_cooldownCounter <= 0)
        {
            Wait++;
            if (Wait >= Patience)
            {
                double old = optimizer.LearningRate;
                if (old > (float)MinLr)
                {
                    var updated = Math.Max(old * Factor, MinLr);
                    optimizer.LearningRate = (float)updated;
                    if (Verbose > 0) Print($"Epoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {updated.ToString(CultureInfo.InvariantCulture)}.");
                    _cooldownCounter = Cooldown;
                    Wait = 0;
                }
            }
        }
    }

    private void Reset()
    {
        _increasing = MonitorMode.IsIncreasing(Monitor, Mode);
        _best = _increasing ? double.NegativeInfinity : double.PositiveInfinity;
        _cooldownCounter = 0;
        Wait = 0;
    }

    private Optimizer RequireOptimizer() => RequireModel().Optimizer
        ?? throw new InvalidOperationException("ReduceLROnPlateau: the model has no optimizer; compile it first.");
}
