namespace NotebookKeras.Kernel.Execution;

/// <summary>
/// How one cell ended: its execution count, the value of its last expression (null when it has none or it is void) and the error
/// that stopped it (null on success). Cancelled cells end with an error named "OperationCanceledException".
/// </summary>
public sealed record ExecutionResult(int ExecutionCount, MimeBundle? Value, ExecutionError? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>A compile or runtime error as Jupyter reports it: ename, evalue and a short traceback (one string per line).</summary>
public sealed record ExecutionError(string Name, string Value, IReadOnlyList<string> Traceback);
