namespace NotebookKeras.Runtime.Tensors;

/// <summary>
/// A <c>.npy</c> file that cannot be read: bad magic, unsupported version or dtype, malformed header, truncated data.
/// The message starts with the file (or stream) name, then says what is wrong.
/// </summary>
public sealed class NpyFormatException : FormatException
{
    public NpyFormatException(string sourceName, string problem)
        : base($"{sourceName}: {problem}")
    {
        SourceName = sourceName;
        Problem = problem;
    }

    /// <summary>The file path, or the name given for a stream.</summary>
    public string SourceName { get; }

    /// <summary>What is wrong, without the source name.</summary>
    public string Problem { get; }
}
