namespace NotebookKeras.Bench;

/// <summary>
/// One row of a comparison: the same work done by NotebookKeras and by TorchSharp. Throughput is
/// <see cref="WorkPerStep"/> / seconds per step, in <see cref="Unit"/> (e.g. GFLOP per step and GFLOP/s, or samples).
/// </summary>
internal sealed record BenchCase(string Label, string Unit, double WorkPerStep, Func<IStep> NotebookKeras, Func<IStep> TorchSharp);
