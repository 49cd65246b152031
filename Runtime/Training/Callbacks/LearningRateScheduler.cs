using System.Globalization;

namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>
/// Sets the learning rate at the start of each epoch from a schedule (Keras's <c>LearningRateScheduler</c>):
/// <c>schedule(epoch, currentRate)</c> returns the new rate (epoch is 0-based). Every epoch's logs get the "learning_rate".
/// </summary>
public sealed class LearningRateScheduler : Callback
{
    private readonly Func<int, float, float> _schedule;

    public LearningRateScheduler(Func<int, float, float> schedule, int verbose = 0)
    {
        _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        Verbose = verbose;
    }

    /// <summary>A schedule of the epoch only (Keras's older one-argument form).</summary>
    public LearningRateScheduler(Func<int, float> schedule, int verbose = 0)
        : this(WithoutRate(schedule), verbose)
    {
    }

    public int Verbose { get; }

    public override void OnEpochBegin(int epoch, IDictionary<string, double> logs)
    {
        var optimizer = RequireModel().Optimizer ?? throw new InvalidOperationException("LearningRateScheduler: the model has no optimizer; compile it first.");
        var rate = _schedule(epoch, optimizer.LearningRate);
        if (!float.IsFinite(rate) || rate < 0)
            throw new InvalidOperationException($"LearningRateScheduler: the schedule returned {rate} for epoch {epoch}; a learning rate must be a finite number >= 0.");
        optimizer.LearningRate = rate;
        if (Verbose > 0) Print($"Epoch {epoch + 1}: LearningRateScheduler setting learning rate to {rate.ToString(CultureInfo.InvariantCulture)}.");
    }

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        if (RequireModel().Optimizer is { } optimizer) logs["learning_rate"] = optimizer.LearningRate;
    }

    private static Func<int, float, float> WithoutRate(Func<int, float> schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return (epoch, _) => schedule(epoch);
    }
}
