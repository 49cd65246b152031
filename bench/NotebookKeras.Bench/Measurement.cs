namespace NotebookKeras.Bench;

/// <summary>Throughputs of one case, one sample per round for each framework, taken interleaved.</summary>
internal sealed record Measurement(BenchCase Case, double[] NotebookKeras, double[] TorchSharp)
{
    /// <summary>Per-round ratios NotebookKeras / TorchSharp: both samples of a round saw about the same machine load.</summary>
    public double[] Ratios => NotebookKeras.Zip(TorchSharp, (a, b) => a / b).ToArray();
}

/// <summary>Median and range of a set of samples.</summary>
internal readonly record struct Spread(double Median, double Min, double Max)
{
    public static Spread Of(IReadOnlyCollection<double> samples)
    {
        var sorted = samples.Order().ToArray();
        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(median, sorted[0], sorted[^1]);
    }

    public string Format(string number) => $"{Median.ToString(number)} [{Min.ToString(number)}–{Max.ToString(number)}]";
}
