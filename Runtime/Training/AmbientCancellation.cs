namespace NotebookKeras.Runtime.Training;

/// <summary>
/// The cancellation a host gives the code it runs without threading a token through every call (a notebook cell's interrupt).
/// Fit, Evaluate and Predict observe it at every batch boundary, as they observe their own <c>cancellationToken</c> argument; user
/// code can poll <see cref="Token"/> in long loops. It flows with the async context (threads and tasks started by that code).
/// </summary>
public static class AmbientCancellation
{
    private static readonly AsyncLocal<CancellationToken> Current = new();

    /// <summary>The token of the code running now (<see cref="CancellationToken.None"/> outside a host that sets one).</summary>
    public static CancellationToken Token => Current.Value;

    /// <summary>Makes <paramref name="token"/> the ambient token of this async flow until the returned scope is disposed.</summary>
    public static IDisposable Use(CancellationToken token)
    {
        var previous = Current.Value;
        Current.Value = token;
        return new Scope(previous);
    }

    /// <summary>Throws <see cref="OperationCanceledException"/> when <paramref name="token"/> or the ambient token is cancelled.</summary>
    public static void ThrowIfCancellationRequested(CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        Current.Value.ThrowIfCancellationRequested();
    }

    private sealed class Scope(CancellationToken previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
