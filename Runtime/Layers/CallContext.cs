namespace NotebookKeras.Runtime.Layers;

/// <summary>
/// The <c>training</c> flag of the outermost layer call, inherited by nested calls that do not set it (Keras's call context),
/// so a subclassed model's sublayers see the mode the model was called in.
/// </summary>
internal static class CallContext
{
    [ThreadStatic] private static bool? t_training;

    public static bool Training => t_training ?? false;

    /// <summary>Enters a call with an explicit or inherited mode; dispose to restore the outer one.</summary>
    public static Scope Enter(bool? training) => new(training);

    internal readonly struct Scope : IDisposable
    {
        private readonly bool? _outer;

        public Scope(bool? training)
        {
            _outer = t_training;
            t_training = training ?? _outer ?? false;
        }

        public void Dispose() => t_training = _outer;
    }
}
