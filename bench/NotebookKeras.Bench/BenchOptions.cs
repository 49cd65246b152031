namespace NotebookKeras.Bench;

/// <summary>Command-line options: workload names, then --rounds N, --threads N, --sample-ms N.</summary>
internal sealed record BenchOptions(IReadOnlyList<Workload> Workloads, int Rounds, int Threads, int SampleMilliseconds)
{
    public static string Usage =>
        "usage: NotebookKeras.Bench [workload ...] [--rounds N] [--threads N] [--sample-ms N]\n" +
        "  Runs the named workloads (all when none is named), alternating NotebookKeras and TorchSharp for N rounds\n" +
        "  (default 11) on N threads each (default 2); each sample repeats a step for about sample-ms (default 300).\n" +
        "workloads:\n" + string.Join("\n", Workload.All.Select(w => $"  {w.Name,-10} {w.Description}"));

    public static BenchOptions Parse(string[] args)
    {
        var names = new List<string>();
        int rounds = 11, threads = 2, sampleMs = 300;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rounds": rounds = PositiveInt(args, ref i); break;
                case "--threads": threads = PositiveInt(args, ref i); break;
                case "--sample-ms": sampleMs = PositiveInt(args, ref i); break;
                default:
                    if (args[i].StartsWith('-')) throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}");
                    names.Add(args[i]);
                    break;
            }
        }
        var workloads = names.Count == 0
            ? Workload.All
            : names.Select(n => Workload.All.FirstOrDefault(w => w.Name == n)
                ?? throw new ArgumentException($"Unknown workload '{n}'; known: {string.Join(", ", Workload.All.Select(w => w.Name))}.")).ToList();
        return new BenchOptions(workloads, rounds, threads, sampleMs);
    }

    private static int PositiveInt(string[] args, ref int i)
    {
        var option = args[i];
        if (++i >= args.Length || !int.TryParse(args[i], out var value) || value <= 0)
            throw new ArgumentException($"{option} needs a positive integer.\n{Usage}");
        return value;
    }
}
