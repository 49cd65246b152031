namespace NotebookKeras.Runtime.Training;

/// <summary>
/// Turns what the user passed (arrays, or a batch source) into the batches of one pass over the data (Keras's data adapters).
/// </summary>
internal abstract class DataAdapter
{
    /// <summary>Batches in one full pass, when known in advance (arrays); null for a batch source.</summary>
    public abstract int? NumBatches { get; }

    /// <summary>One pass over the data: a new order (shuffled when asked) at every call.</summary>
    public abstract IEnumerable<StepData> Pass();
}
