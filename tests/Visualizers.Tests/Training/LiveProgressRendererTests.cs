using System.Diagnostics;
using System.Text.RegularExpressions;
using NotebookKeras.Runtime.Training.Callbacks;
using NotebookKeras.Visualizers.Training;

namespace NotebookKeras.Visualizers.Tests.Training;

public partial class LiveProgressRendererTests
{
    private static ProgressState State(int current, int? target, double seconds, params (string Name, double Value)[] values) =>
        new(current, target, TimeSpan.FromSeconds(seconds), [.. values.Select(v => KeyValuePair.Create(v.Name, v.Value))], Verbose: 1);

    /// <summary>Feeds a fit of <paramref name="epochs"/> × <paramref name="steps"/> steps as ProgbarLogger reports it, as fast as it can.</summary>
    private static (ProgressState[] Finals, TimeSpan Elapsed) Fit(IProgressRenderer renderer, int epochs, int steps)
    {
        var clock = Stopwatch.StartNew();
        var finals = new ProgressState[epochs];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            renderer.Message($"Epoch {epoch + 1}/{epochs}");
            for (var step = 1; step <= steps; step++) renderer.Update(State(step, steps, step * 0.01, ("loss", 1.0 / (epoch * steps + step))));
            finals[epoch] = State(steps, steps, steps * 0.01, ("loss", 1.0 / ((epoch + 1) * steps)), ("val_loss", 2.0 / ((epoch + 1) * steps)));
            renderer.Finish(finals[epoch]);
        }
        return (finals, clock.Elapsed);
    }

    [Fact]
    public void A_fit_is_one_output_redrawn_at_most_ten_times_a_second_ending_on_its_final_state()
    {
        var output = new RecordingLiveOutput();
        var (finals, elapsed) = Fit(new LiveProgressRenderer(output), epochs: 3, steps: 2000);
        output.End();

        var renderings = output.Renderings;
        Assert.False(renderings[0].IsUpdate);
        Assert.All(renderings.Skip(1), r => Assert.True(r.IsUpdate));
        Assert.True(renderings.Count <= elapsed.TotalSeconds * 10 + 2, $"{renderings.Count} renderings in {elapsed.TotalSeconds:F2}s");
        var expected = string.Join('\n', finals.SelectMany((f, i) => new[] { $"Epoch {i + 1}/3", TextProgressRenderer.Format(f, final: true) }));
        Assert.Equal(expected, renderings[^1].Text);
        Assert.Contains($"<b>loss</b> {TextProgressRenderer.Value(finals[^1].Values[0].Value)}", renderings[^1].Html);
        Assert.Contains($"<b>val_loss</b> {TextProgressRenderer.Value(finals[^1].Values[1].Value)}", renderings[^1].Html);
        // The final curves are per epoch (training and validation), not the samples the throttle happened to draw.
        Assert.Equal([3, 3], Polylines(renderings[^1].Html).Select(PointCount));
        Assert.Contains("3 epochs</text>", renderings[^1].Html);
    }

    [Fact]
    public void The_live_html_has_a_bar_an_eta_the_values_and_an_inline_curve_but_no_plotly()
    {
        var output = new RecordingLiveOutput();
        var renderer = new LiveProgressRenderer(output);
        renderer.Update(State(1, 4, 1, ("loss", 0.9)));
        renderer.Update(State(2, 4, 2, ("loss", 0.5)));
        var live = WaitForRenderings(output, 2)[^1];
        Assert.Equal(TextProgressRenderer.Format(State(2, 4, 2, ("loss", 0.5)), final: false), live.Text);
        Assert.Contains("class=\"nk-progress-bar\"", live.Html);
        Assert.Contains("aria-valuenow=\"2\"", live.Html);
        Assert.Contains("width:50%", live.Html);
        Assert.Contains("ETA 2s 1s/step", live.Html);
        Assert.Contains("<b>loss</b> 0.5000", live.Html);
        Assert.Equal(2, PointCount(Assert.Single(Polylines(live.Html))));
        Assert.DoesNotContain("plotly", live.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", live.Html, StringComparison.OrdinalIgnoreCase);

        // No epoch ended: the final render keeps the bar and the values, and has no per-epoch curve to draw.
        output.End();
        var final = output.Renderings[^1];
        Assert.Equal(live.Text, final.Text);
        Assert.Contains("<b>loss</b> 0.5000", final.Html);
        Assert.DoesNotContain("<svg", final.Html);
    }

    [Fact]
    public void A_draw_skipped_by_the_throttle_is_made_shortly_after_without_waiting_for_the_end()
    {
        var output = new RecordingLiveOutput();
        var renderer = new LiveProgressRenderer(output);
        renderer.Update(State(1, 10, 0.1, ("loss", 0.9)));
        renderer.Update(State(2, 10, 0.2, ("loss", 0.8)));
        Assert.Contains(" 2/10 ", " " + WaitForRenderings(output, 2)[^1].Text + " ");
        output.End();
        Assert.Equal(3, output.Renderings.Count);
        Assert.Equal(output.Renderings[1].Text, output.Renderings[2].Text);
    }

    [Fact]
    public void Validation_values_join_their_curve_at_epoch_ends()
    {
        var output = new RecordingLiveOutput();
        var renderer = new LiveProgressRenderer(output);
        for (var epoch = 0; epoch < 2; epoch++)
        {
            renderer.Update(State(1, 2, 0.1, ("accuracy", 0.5), ("loss", 0.9)));
            renderer.Finish(State(2, 2, 0.2, ("accuracy", 0.6), ("loss", 0.8), ("val_accuracy", 0.55), ("val_loss", 0.85)));
        }

        var live = WaitForRenderings(output, 2)[^1].Html;
        Assert.Equal(["accuracy", "loss"], CurveNames().Matches(live).Select(m => m.Groups[1].Value));
        // Per curve: training at 1, 2, 3, 4 steps; validation at the two epoch ends.
        Assert.Equal([4, 2, 4, 2], Polylines(live).Select(PointCount));
        Assert.Contains(">val</tspan>", live);
        Assert.Contains("4 steps</text>", live);

        output.End();
        var final = output.Renderings[^1].Html;
        Assert.Equal([2, 2, 2, 2], Polylines(final).Select(PointCount));
        Assert.Contains("2 epochs</text>", final);
    }

    [Fact]
    public void Verbose_2_shows_only_the_final_lines()
    {
        var output = new RecordingLiveOutput();
        var renderer = new LiveProgressRenderer(output);
        var quiet = State(5, 5, 1, ("loss", 0.25)) with { Verbose = 2 };
        renderer.Update(quiet with { Current = 3 });
        renderer.Finish(quiet);
        output.End();

        Assert.All(output.Renderings, r => Assert.Equal(TextProgressRenderer.Format(quiet, final: true), r.Text));
    }

    [Fact]
    public void A_pass_of_unknown_length_shows_its_count_without_a_bar_and_a_lone_point_no_chart()
    {
        var output = new RecordingLiveOutput();
        new LiveProgressRenderer(output).Update(State(7, null, 1, ("loss", 0.5)));
        var html = Assert.Single(output.Renderings).Html;
        Assert.Contains("7/Unknown", html);
        Assert.DoesNotContain("nk-progress-bar", html);
        Assert.DoesNotContain("<svg", html);
    }

    [Fact]
    public void A_long_fit_keeps_a_bounded_number_of_points_and_its_last_one()
    {
        var output = new RecordingLiveOutput();
        var renderer = new LiveProgressRenderer(output);
        for (var step = 1; step <= 5000; step++) renderer.Update(State(step, 5000, step * 1e-3, ("loss", step)));

        var line = Assert.Single(Polylines(WaitForRenderings(output, 2)[^1].Html));
        Assert.InRange(PointCount(line), 400, 1001);
        // The newest point (the highest loss) is drawn at the right edge, at the top.
        Assert.EndsWith("252,18", line.Trim());
    }

    [Fact]
    public void Names_and_messages_are_escaped()
    {
        var output = new RecordingLiveOutput();
        var renderer = new LiveProgressRenderer(output);
        renderer.Message("<script>alert(1)</script>");
        renderer.Update(State(1, 2, 0.1, ("<i>x", 1)));
        output.End();

        var html = output.Renderings[^1].Html;
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<i>x", html);
        Assert.Contains("&lt;i&gt;x", html);
    }

    /// <summary>The renderings once there are <paramref name="count"/> (a throttled draw comes from the timer shortly after).</summary>
    internal static IReadOnlyList<RecordingLiveOutput.Rendering> WaitForRenderings(RecordingLiveOutput output, int count)
    {
        var clock = Stopwatch.StartNew();
        while (output.Renderings.Count < count && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(10);
        Assert.Equal(count, output.Renderings.Count);
        return output.Renderings;
    }

    private static string[] Polylines(string html) => [.. PolylinePoints().Matches(html).Select(m => m.Groups[1].Value)];

    private static int PointCount(string points) => points.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex("<polyline[^>]* points=\"([^\"]*)\"")]
    private static partial Regex PolylinePoints();

    [GeneratedRegex("<svg class=\"nk-curve\" data-name=\"([^\"]*)\"")]
    private static partial Regex CurveNames();
}
