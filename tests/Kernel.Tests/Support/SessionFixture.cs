using NotebookKeras.Kernel.Execution;

namespace NotebookKeras.Kernel.Tests.Support;

/// <summary>One warmed-up session shared by a test class (Roslyn's first compilation costs a second or two).</summary>
public sealed class SessionFixture
{
    public ScriptSession Session { get; } = new();

    /// <summary>Runs a cell and returns its result with what it sent to its sink.</summary>
    internal async Task<(ExecutionResult Result, RecordingSink Sink)> RunAsync(string code, CancellationToken token = default)
    {
        var sink = new RecordingSink();
        var result = await Session.ExecuteAsync(code, sink, token);
        return (result, sink);
    }
}
