namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>Stops training as soon as a batch's loss is NaN or infinite (Keras's <c>TerminateOnNaN</c>).</summary>
public sealed class TerminateOnNaN : Callback
{
    public override void OnTrainBatchEnd(int batch, IDictionary<string, double> logs)
    {
        if (logs.TryGetValue("loss", out var loss) && !double.IsFinite(loss))
        {
            Print($"Batch {batch}: Invalid loss, terminating training");
            RequireModel().StopTraining = true;
        }
    }
}
