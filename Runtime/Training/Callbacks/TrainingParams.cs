namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>Keras's <c>callback.params</c>: the verbosity, the number of epochs and the steps per epoch (null when unknown).</summary>
public sealed record TrainingParams(int Verbose, int Epochs, int? Steps);
