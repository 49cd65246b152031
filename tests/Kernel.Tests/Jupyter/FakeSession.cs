using NotebookKeras.Kernel.Execution;

namespace NotebookKeras.Kernel.Tests.Jupyter;

/// <summary>
/// A scripted <see cref="ICodeSession"/> for protocol tests: "print X", "show X" (display then update), "value X", "fail X" and
/// "wait" (until cancelled) exercise each kind of output without a compiler.
/// </summary>
internal sealed class FakeSession : ICodeSession
{
    private int _count;

    public List<string> Executed { get; } = [];

    public async Task<ExecutionResult> ExecuteAsync(string code, IOutputSink sink, CancellationToken cancellationToken = default)
    {
        lock (Executed) Executed.Add(code);
        var count = ++_count;
        var (verb, argument) = code.IndexOf(' ') is var space and > 0 ? (code[..space], code[(space + 1)..]) : (code, "");
        switch (verb)
        {
            case "print":
                sink.Stream("stdout", argument + "\n");
                return new ExecutionResult(count, null, null);
            case "show":
                sink.Display(Bundle(argument + " 0"), "progress");
                sink.UpdateDisplay(Bundle(argument + " 1"), "progress");
                return new ExecutionResult(count, null, null);
            case "value":
                return new ExecutionResult(count, new MimeBundle(new Dictionary<string, string> { ["text/plain"] = argument, ["text/html"] = $"<b>{argument}</b>" }), null);
            case "fail":
                return new ExecutionResult(count, null, new ExecutionError("InvalidOperationException", argument, [$"InvalidOperationException: {argument}", "   at Submission#0"]));
            case "wait":
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return new ExecutionResult(count, null, new ExecutionError("OperationCanceledException", "The cell was interrupted.", []));
                }
                return new ExecutionResult(count, null, null);
            default:
                return new ExecutionResult(count, null, null);
        }
    }

    public Task<CompletionResult> CompleteAsync(string code, int cursor, CancellationToken cancellationToken = default)
    {
        var start = code.LastIndexOf('.', Math.Max(cursor - 1, 0)) + 1;
        return Task.FromResult(new CompletionResult(["Fit", "FitAsync"], start, cursor));
    }

    public Task<MimeBundle?> InspectAsync(string code, int cursor, CancellationToken cancellationToken = default) =>
        Task.FromResult<MimeBundle?>(code.Contains("Fit") ? Bundle("Fit(x, y, epochs)") : null);

    public Task<(string Status, string Indent)> IsCompleteAsync(string code, CancellationToken cancellationToken = default) =>
        Task.FromResult(code.Count(c => c == '{') > code.Count(c => c == '}') ? ("incomplete", "    ") : ("complete", ""));

    private static MimeBundle Bundle(string text) => new(new Dictionary<string, string> { ["text/plain"] = text });
}
