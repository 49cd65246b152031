namespace NotebookKeras.Kernel.Execution;

/// <summary>
/// A stateful C# session that runs notebook cells one after another (the Jupyter kernel and the headless runner both drive
/// one). Cells share state; one cell runs at a time.
/// </summary>
public interface ICodeSession
{
    /// <summary>Runs one cell, sending its outputs to <paramref name="sink"/>; cancelling stops it at the next cancellation point.</summary>
    Task<ExecutionResult> ExecuteAsync(string code, IOutputSink sink, CancellationToken cancellationToken = default);

    /// <summary>Completions at <paramref name="cursor"/> (Jupyter complete_request): the replaced range and the candidate texts.</summary>
    Task<CompletionResult> CompleteAsync(string code, int cursor, CancellationToken cancellationToken = default);

    /// <summary>Documentation for the symbol at <paramref name="cursor"/> (Jupyter inspect_request); null when there is none.</summary>
    Task<MimeBundle?> InspectAsync(string code, int cursor, CancellationToken cancellationToken = default);

    /// <summary>Jupyter is_complete_request: "complete", "incomplete" (with an indent) or "invalid".</summary>
    Task<(string Status, string Indent)> IsCompleteAsync(string code, CancellationToken cancellationToken = default);
}

/// <summary>Completion candidates replacing code[CursorStart..CursorEnd].</summary>
public sealed record CompletionResult(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd);
