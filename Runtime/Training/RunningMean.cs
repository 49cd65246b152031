namespace NotebookKeras.Runtime.Training;

/// <summary>
/// The weighted mean of a batch quantity over an epoch (Keras tracks the loss with a <c>Mean</c> metric weighted by the batch
/// size), accumulated in double precision.
/// </summary>
internal sealed class RunningMean(string name)
{
    private double _total;
    private double _count;

    public string Name { get; } = name;

    public double Result => _count == 0 ? 0 : _total / _count;

    public void Update(double value, double weight)
    {
        _total += value * weight;
        _count += weight;
    }

    public void Reset()
    {
        _total = 0;
        _count = 0;
    }
}
