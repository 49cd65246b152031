using NotebookKeras.Bench;
using NotebookKeras.Runtime.Backend.Cpu;

if (args.Any(a => a is "-h" or "--help"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

CpuParallel.Threads = options.Threads;
var torchVersion = TorchRuntime.Initialize(options.Threads);
Console.WriteLine($"{Environment.ProcessorCount} cores, {options.Threads} threads per framework, {options.Rounds} interleaved rounds " +
    $"of about {options.SampleMilliseconds} ms per framework; .NET {Environment.Version}, {torchVersion}.");
Console.WriteLine("Medians with [min–max] over the rounds; the ratio is the median of the per-round ratios.");
Console.WriteLine();
MarkdownReport.WriteHeader(Console.Out);
var runner = new Runner(options);
foreach (var workload in options.Workloads)
{
    foreach (var benchCase in workload.Cases())
        MarkdownReport.WriteRow(Console.Out, workload, runner.Measure(benchCase));
}
foreach (var workload in options.Workloads) workload.WriteDetails(Console.Out);
return 0;
