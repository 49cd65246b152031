using NotebookKeras.Runtime.Optimizers.Schedules;

namespace NotebookKeras.Runtime.Optimizers;

/// <summary>
/// An optimizer's <c>learning_rate</c> argument, as Keras accepts it: a number or a <see cref="LearningRateSchedule"/>, both
/// converted implicitly (<c>new Adam(learningRate: 1e-3)</c>, <c>new SGD(learningRate: new ExponentialDecay(0.1, 1000, 0.9))</c>).
/// The default value stands for the optimizer's own Keras default (0.001 for Adam, 0.01 for SGD, ...).
/// </summary>
public readonly struct LearningRateArgument
{
    private LearningRateArgument(float? value, LearningRateSchedule? schedule)
    {
        Value = value;
        Schedule = schedule;
    }

    /// <summary>The constant rate, when one was given.</summary>
    public float? Value { get; }

    /// <summary>The schedule, when one was given.</summary>
    public LearningRateSchedule? Schedule { get; }

    public static implicit operator LearningRateArgument(float value) => new(value, null);

    public static implicit operator LearningRateArgument(double value) => new((float)value, null);

    public static implicit operator LearningRateArgument(LearningRateSchedule schedule) =>
        new(null, schedule ?? throw new ArgumentNullException(nameof(schedule), "A learning-rate schedule argument must not be null; omit it for the optimizer's default rate."));

    public override string ToString() => Schedule?.ToString() ?? Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default";
}
