using System.Diagnostics;

namespace NotebookKeras.Bench;

/// <summary>
/// Measures a case the way a busy shared machine allows: warm both frameworks up, size each sample to about
/// the same duration, then alternate the frameworks (swapping who goes first) so load changes hit both alike.
/// Before each sample the runner pauses: LibTorch's OpenMP workers keep spinning for about 10 ms after a parallel
/// region, and would otherwise take a core from whatever is measured next.
/// </summary>
internal sealed class Runner(BenchOptions options)
{
    private const int SettleMilliseconds = 50;

    public Measurement Measure(BenchCase benchCase)
    {
        using var ours = benchCase.NotebookKeras();
        using var theirs = benchCase.TorchSharp();
        var oursReps = Calibrate(ours);
        var theirsReps = Calibrate(theirs);
        var oursRates = new double[options.Rounds];
        var theirsRates = new double[options.Rounds];
        for (var r = 0; r < options.Rounds; r++)
        {
            if (r % 2 == 0)
            {
                oursRates[r] = Rate(ours, oursReps, benchCase.WorkPerStep);
                theirsRates[r] = Rate(theirs, theirsReps, benchCase.WorkPerStep);
            }
            else
            {
                theirsRates[r] = Rate(theirs, theirsReps, benchCase.WorkPerStep);
                oursRates[r] = Rate(ours, oursReps, benchCase.WorkPerStep);
            }
        }
        return new Measurement(benchCase, oursRates, theirsRates);
    }

    /// <summary>
    /// Warms a step up (JIT tiers, pools, caches) for one sample's time, then returns how many repetitions fill
    /// one sample, timed on a second pass.
    /// </summary>
    private int Calibrate(IStep step)
    {
        var reps = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            Thread.Sleep(SettleMilliseconds);
            var watch = Stopwatch.StartNew();
            reps = 0;
            while (reps < 3 || watch.Elapsed.TotalMilliseconds < options.SampleMilliseconds)
            {
                step.Run();
                reps++;
            }
            reps = Math.Max(1, (int)(reps * options.SampleMilliseconds / watch.Elapsed.TotalMilliseconds));
        }
        return reps;
    }

    private static double Rate(IStep step, int reps, double workPerStep)
    {
        Thread.Sleep(SettleMilliseconds);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < reps; i++) step.Run();
        return reps * workPerStep / watch.Elapsed.TotalSeconds;
    }
}
