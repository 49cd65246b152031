namespace NotebookKeras.Runtime.Training;

/// <summary>
/// Where training warnings go (Keras's <c>warnings.warn</c>): standard error by default; a host (the notebook kernel, a test) can
/// redirect them with <see cref="Writer"/>.
/// </summary>
public static class TrainingWarnings
{
    /// <summary>The writer warnings are written to; null silences them.</summary>
    public static TextWriter? Writer { get; set; } = Console.Error;

    internal static void Warn(string message) => Writer?.WriteLine($"Warning: {message}");
}
