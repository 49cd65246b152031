namespace NotebookKeras.Bench;

/// <summary>Prints measurements as a Markdown table: medians with [min–max] over the rounds.</summary>
internal static class MarkdownReport
{
    public static void WriteHeader(TextWriter output)
    {
        output.WriteLine("| workload | case | unit | NotebookKeras | TorchSharp | ratio NK/Torch |");
        output.WriteLine("| --- | --- | --- | ---: | ---: | ---: |");
    }

    public static void WriteRow(TextWriter output, Workload workload, Measurement m)
    {
        output.WriteLine($"| {workload.Name} | {m.Case.Label} | {m.Case.Unit} | {Spread.Of(m.NotebookKeras).Format("F1")} | " +
            $"{Spread.Of(m.TorchSharp).Format("F1")} | {Spread.Of(m.Ratios).Format("F2")} |");
    }
}
