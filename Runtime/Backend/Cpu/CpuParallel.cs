namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>Splits loops over the machine's cores when the work is large enough to pay for the hand-off.</summary>
internal static class CpuParallel
{
    /// <summary>Number of worker threads kernels use (defaults to the core count).</summary>
    public static int Threads { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Runs <paramref name="body"/>(start, end) over [0, count) in contiguous chunks, in parallel when
    /// count * costPerItem exceeds about 32K units of work, otherwise inline on the calling thread.
    /// </summary>
    public static void For(int count, int costPerItem, Action<int, int> body)
    {
        if (count <= 0) return;
        var threads = Math.Min(Threads, count);
        if (threads <= 1 || (long)count * Math.Max(1, costPerItem) < 32_768)
        {
            body(0, count);
            return;
        }
        var chunk = (count + threads - 1) / threads;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var start = t * chunk;
            var end = Math.Min(count, start + chunk);
            if (start < end) body(start, end);
        });
    }
}
