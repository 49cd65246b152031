namespace NotebookKeras.Runtime.Saving;

/// <summary>
/// A Keras file (<c>.keras</c>, <c>.weights.h5</c>) that cannot be read into the model: corrupt, truncated, or not matching the
/// model's layers and weights. The message names the file, the entry and the problem; nothing in the model has changed.
/// </summary>
public sealed class KerasFormatException : Exception
{
    public KerasFormatException(string message) : base(message)
    {
    }

    public KerasFormatException(string message, Exception inner) : base(message, inner)
    {
    }
}
