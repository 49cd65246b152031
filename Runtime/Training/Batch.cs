namespace NotebookKeras.Runtime.Training;

/// <summary>
/// One batch of a batch source (Keras's generators and datasets yield <c>(x, y)</c> or <c>(x, y, sample_weight)</c>): pass an
/// <c>IEnumerable&lt;Batch&gt;</c> to <c>Fit</c>, <c>Evaluate</c> or <c>Predict</c> to feed data that is made or loaded as it goes.
/// <see cref="Y"/> may be null for prediction.
/// </summary>
public sealed record Batch(InputData X, InputData? Y = null, InputData? SampleWeight = null)
{
    /// <summary>Number of samples in the batch.</summary>
    public int Size => X.SampleCount;
}
