namespace NotebookKeras.Bench;

/// <summary>A family of comparisons chosen by name on the command line (sgemm; later mlp, convnet, lstm, ...).</summary>
internal abstract class Workload
{
    /// <summary>Every workload the bench knows, by command-line name.</summary>
    public static IReadOnlyList<Workload> All { get; } =
        [new Workloads.SgemmWorkload(), new Workloads.ConvnetWorkload(), new Workloads.RecurrentWorkload("lstm"), new Workloads.RecurrentWorkload("gru")];

    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>The rows to measure; each case is created lazily so only one case's data is alive at a time.</summary>
    public abstract IEnumerable<BenchCase> Cases();

    /// <summary>Anything printed after the workload's rows (e.g. where the time goes); nothing by default.</summary>
    public virtual void WriteDetails(TextWriter output) { }
}
