using System.Diagnostics;
using System.Text.Json.Nodes;
using NotebookKeras.Kernel.Execution;

namespace NotebookKeras.Kernel.Notebooks;

/// <summary>How one code cell went in a run.</summary>
public sealed record CellRun(int CellIndex, ExecutionResult Result, TimeSpan Duration);

/// <summary>The cells a run executed and whether it stopped early.</summary>
public sealed record NotebookRun(IReadOnlyList<CellRun> Cells, bool Stopped)
{
    /// <summary>The first cell that failed, if any.</summary>
    public CellRun? FirstFailure => Cells.FirstOrDefault(c => !c.Result.Succeeded);
}

/// <summary>
/// Runs a notebook's code cells in order through one <see cref="ScriptSession"/> (nbclient's job, headless): each cell's outputs
/// replace its old ones, with its execution count; the run stops at the first failing cell unless errors are allowed. A cell
/// that runs longer than the timeout is interrupted (and counts as failed).
/// </summary>
public sealed class NotebookRunner(NotebookRunner.Options options)
{
    /// <summary>
    /// <paramref name="AllowErrors"/>: go on after a failing cell. <paramref name="Timeout"/>: per cell (none when null).
    /// <paramref name="BaseDirectory"/>: where the session resolves relative <c>#r</c> paths. <paramref name="Echo"/> and
    /// <paramref name="EchoError"/>: receive the cells' text live (stdout, displays and results; stderr). <paramref name="CellFinished"/>:
    /// called after each code cell.
    /// </summary>
    public sealed record Options(
        bool AllowErrors = false, TimeSpan? Timeout = null, string? BaseDirectory = null, TextWriter? Echo = null, TextWriter? EchoError = null,
        Action<CellRun>? CellFinished = null);

    // How long an interrupted cell gets to stop before the run gives up on it.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    public Task<NotebookRun> RunAsync(NotebookDocument notebook, CancellationToken cancellationToken = default) =>
        RunAsync(notebook, new ScriptSession(options.BaseDirectory), cancellationToken);

    /// <summary>Runs the notebook in an existing session (its state and execution counts carry on).</summary>
    internal async Task<NotebookRun> RunAsync(NotebookDocument notebook, ScriptSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var sink = new NotebookOutputSink(options.Echo, options.EchoError);
        var runs = new List<CellRun>();
        for (var index = 0; index < notebook.Cells.Count; index++)
        {
            if (notebook.Cells[index] is not JsonObject cell || cell["cell_type"]?.GetValue<string>() != "code") continue;
            var outputs = new JsonArray();
            cell["outputs"] = outputs;
            cell["execution_count"] = null;
            sink.Begin(outputs);
            var clock = Stopwatch.StartNew();
            var (result, abandoned) = await ExecuteAsync(session, NotebookDocument.Source(cell), sink, cancellationToken).ConfigureAwait(false);
            cell["execution_count"] = result.ExecutionCount;
            if (result.Value is { } value) sink.Result(value, result.ExecutionCount);
            if (result.Error is { } error) sink.Error(error);
            var run = new CellRun(index, result, clock.Elapsed);
            runs.Add(run);
            options.CellFinished?.Invoke(run);
            if (abandoned || cancellationToken.IsCancellationRequested || (!result.Succeeded && !options.AllowErrors))
                return new NotebookRun(runs, Stopped: true);
        }
        return new NotebookRun(runs, Stopped: false);
    }

    private async Task<(ExecutionResult Result, bool Abandoned)> ExecuteAsync(ScriptSession session, string code, IOutputSink sink, CancellationToken token)
    {
        using var cell = CancellationTokenSource.CreateLinkedTokenSource(token);
        if (options.Timeout is { } timeout) cell.CancelAfter(timeout);
        var execution = session.ExecuteAsync(code, sink, cell.Token);
        var timedOut = false;
        if (options.Timeout is { } limit)
        {
            // A cell that ignores the interrupt (a blocking call) is given up on after a grace period; the run then stops.
            var finished = await Task.WhenAny(execution, Task.Delay(limit + Grace, CancellationToken.None)).ConfigureAwait(false);
            if (finished != execution)
                return (new ExecutionResult(session.ExecutionCount, null, TimeoutError(limit)), true);
            timedOut = cell.IsCancellationRequested && !token.IsCancellationRequested;
        }
        var result = await execution.ConfigureAwait(false);
        return timedOut && result.Error is { Name: CellErrors.CancelledName } ? (result with { Error = TimeoutError(limit: options.Timeout!.Value) }, false) : (result, false);
    }

    private static ExecutionError TimeoutError(TimeSpan limit)
    {
        var message = $"the cell did not finish within the timeout of {limit.TotalSeconds:0.###} s";
        return new ExecutionError("CellTimeoutError", message, [$"CellTimeoutError: {message}"]);
    }
}
