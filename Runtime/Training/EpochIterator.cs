namespace NotebookKeras.Runtime.Training;

/// <summary>
/// The steps of each epoch, as Keras's <c>EpochIterator</c>: without <c>stepsPerEpoch</c> an epoch is one full pass; with it, an
/// epoch is that many steps and the pass carries over to the next epoch, restarting when it is used up. A pass that runs out
/// in the middle of an epoch ends the epoch early, with Keras's warning.
/// </summary>
internal sealed class EpochIterator(DataAdapter adapter, int? stepsPerEpoch)
{
    private IEnumerator<StepData>? _current;
    private int _seenInPass;

    /// <summary>Steps per epoch, when known (for progress bars and callbacks' params).</summary>
    public int? Steps => stepsPerEpoch ?? adapter.NumBatches;

    public IEnumerable<(int Step, StepData Data)> Epoch()
    {
        if (_current is null || stepsPerEpoch is null)
        {
            _current?.Dispose();
            _current = adapter.Pass().GetEnumerator();
            _seenInPass = 0;
        }
        var steps = stepsPerEpoch ?? int.MaxValue;
        for (var step = 0; step < steps; step++)
        {
            if (!_current.MoveNext())
            {
                if (stepsPerEpoch is not null)
                {
                    TrainingWarnings.Warn(
                        "Your input ran out of data; interrupting the epoch. Make sure that your data can generate at least stepsPerEpoch * epochs batches.");
                }
                Reset();
                yield break;
            }
            _seenInPass++;
            yield return (step, _current.Current);
        }
        if (adapter.NumBatches is { } total && _seenInPass >= total) Reset();
    }

    private void Reset()
    {
        _current?.Dispose();
        _current = null;
        _seenInPass = 0;
    }
}
