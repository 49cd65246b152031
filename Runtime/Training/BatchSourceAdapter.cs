namespace NotebookKeras.Runtime.Training;

/// <summary>
/// A user's batch source (Keras's generator adapter): every pass enumerates it again; each batch is arranged for the model and
/// checked before its step runs.
/// </summary>
internal sealed class BatchSourceAdapter(IEnumerable<Batch> source, Func<Batch, StepData> arrange) : DataAdapter
{
    public override int? NumBatches => source is IReadOnlyCollection<Batch> known ? known.Count : null;

    public override IEnumerable<StepData> Pass()
    {
        foreach (var batch in source)
        {
            if (batch is null) throw new ArgumentException("The batch source yielded a null batch.");
            yield return arrange(batch);
        }
    }
}
