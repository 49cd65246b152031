using NotebookKeras.Kernel.Formatting;
using NotebookKeras.Kernel.Tests.Support;

namespace NotebookKeras.Kernel.Tests.Execution;

public class ScriptSessionTests(SessionFixture fixture, Xunit.Abstractions.ITestOutputHelper log) : IClassFixture<SessionFixture>
{
    [Fact]
    public async Task StateCarriesAcrossCells()
    {
        var (first, _) = await fixture.RunAsync("var answer = 40;\nint Twice(int x) => 2 * x;");
        Assert.True(first.Succeeded);
        Assert.Null(first.Value);
        var (second, _) = await fixture.RunAsync("Twice(answer / 2) + 2");
        Assert.True(second.Succeeded);
        Assert.Equal("42", second.Value!.PlainText);
        Assert.Equal(first.ExecutionCount + 1, second.ExecutionCount);
    }

    [Fact]
    public async Task VoidLastExpressionHasNoValue()
    {
        var (result, _) = await fixture.RunAsync("Console.Write(\"\")");
        Assert.True(result.Succeeded);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task TensorsAndModelsRenderAsHtml()
    {
        var (tensor, _) = await fixture.RunAsync("Ones(2, 3)");
        Assert.Contains("shape (2, 3)", tensor.Value!.Data[DisplayFormatter.Html]);
        Assert.NotEmpty(tensor.Value.PlainText);

        var (model, _) = await fixture.RunAsync("Sequential(Input([4]), Dense(3, activation: \"relu\"), Dense(2))");
        Assert.True(model.Succeeded, model.Error?.Value);
        Assert.Contains("Dense", model.Value!.Data[DisplayFormatter.Html]);
        Assert.Contains("Total params", model.Value.PlainText);
    }

    [Fact]
    public async Task DisplayAndUpdateShareOneDisplayId()
    {
        var (result, sink) = await fixture.RunAsync("var handle = Display(\"step 0\");\nhandle.Update(\"step 1\");");
        Assert.True(result.Succeeded, result.Error?.Value);
        var display = Assert.Single(sink.Outputs, o => o.Kind == "display");
        var update = Assert.Single(sink.Outputs, o => o.Kind == "update");
        Assert.Equal("step 0", display.Data!.PlainText);
        Assert.Equal("step 1", update.Data!.PlainText);
        Assert.NotNull(display.DisplayId);
        Assert.Equal(display.DisplayId, update.DisplayId);

        // A handle updated from a later cell still targets the first output.
        var (later, laterSink) = await fixture.RunAsync("handle.Update(\"step 2\")");
        Assert.True(later.Succeeded);
        Assert.Equal(display.DisplayId, Assert.Single(laterSink.Outputs).DisplayId);
    }

    [Fact]
    public async Task ConsoleOutputOfTheCellAndItsThreadsIsCaptured()
    {
        var (result, sink) = await fixture.RunAsync("""
            Console.WriteLine("out 1");
            Console.Error.WriteLine("err 1");
            var worker = new Thread(() => Console.WriteLine("from a thread"));
            worker.Start();
            worker.Join();
            await Task.Run(() => Console.Write("from a task"));
            """);
        Assert.True(result.Succeeded, result.Error?.Value);
        Assert.Equal($"out 1{Environment.NewLine}from a thread{Environment.NewLine}from a task", sink.StreamText("stdout"));
        Assert.Equal($"err 1{Environment.NewLine}", sink.StreamText("stderr"));
    }

    [Fact]
    public async Task CompileErrorsGivePositionsInTheCell()
    {
        var (result, _) = await fixture.RunAsync("var y = 1;\nvar z = missing + y;\nwhile (z > 0) { z--; }");
        Assert.False(result.Succeeded);
        Assert.Equal("CompilationError", result.Error!.Name);
        Assert.Equal("(2,9): error CS0103: The name 'missing' does not exist in the current context", result.Error.Value);
    }

    [Fact]
    public async Task RuntimeErrorsShowOnlyTheCellsFrames()
    {
        var (result, _) = await fixture.RunAsync("int Fail(int x) =>\n    throw new InvalidOperationException(\"boom \" + x);\nvar before = 1;\nFail(before)");
        Assert.False(result.Succeeded);
        Assert.Equal("InvalidOperationException", result.Error!.Name);
        Assert.Equal("boom 1", result.Error.Value);
        Assert.Equal("System.InvalidOperationException: boom 1", result.Error.Traceback[0]);
        Assert.Contains(result.Error.Traceback, line => line.Contains("Fail(Int32)", StringComparison.Ordinal) && line.EndsWith(":line 2", StringComparison.Ordinal));
        Assert.Contains(result.Error.Traceback, line => line.Contains("<cell>", StringComparison.Ordinal) && line.EndsWith(":line 4", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Error.Traceback, line => line.Contains("CodeAnalysis", StringComparison.Ordinal) || line.Contains("System.Runtime", StringComparison.Ordinal));

        // The variables defined before the exception survive it.
        var (after, _) = await fixture.RunAsync("before + 1");
        Assert.Equal("2", after.Value!.PlainText);
    }

    [Fact]
    public async Task InterruptibleLoopsKeepTheCellsLineNumbers()
    {
        var (result, _) = await fixture.RunAsync("var total = 0;\nforeach (var i in new[] { 1, 2 }) total += i;\nfor (var j = 0; j < 2; j++) { total += j; }\nthrow new InvalidOperationException($\"total {total}\");");
        Assert.Equal("total 4", result.Error!.Value);
        Assert.EndsWith(":line 4", result.Error.Traceback[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingStopsALoopAndTheSessionGoesOn()
    {
        using var cancel = new CancellationTokenSource();
        var sink = new RecordingSink { OnOutput = _ => cancel.CancelAfter(100) };
        var result = await fixture.Session.ExecuteAsync("long spins = 0;\nConsole.WriteLine(\"spinning\");\nwhile (true) { spins++; }", sink, cancel.Token);
        Assert.Equal("OperationCanceledException", result.Error!.Name);
        var (next, _) = await fixture.RunAsync("spins > 0");
        Assert.True(next.Succeeded, next.Error?.Value);
        Assert.Equal("True", next.Value!.PlainText);
    }

    [Fact]
    public async Task CancellingFitStopsAtABatchBoundaryAndLeavesAUsableModel()
    {
        var (setup, _) = await fixture.RunAsync("""
            SetRandomSeed(1);
            var xs = Ops.RandomNormal(new Shape(64, 4));
            var ys = Ops.RandomNormal(new Shape(64, 1));
            var net = Sequential(Input([4]), Dense(8, activation: "relu"), Dense(1));
            net.Compile(optimizer: "sgd", loss: "mse");
            var steps = 0;
            var counter = new LambdaCallback(onTrainBatchEnd: (batch, logs) => steps++);
            """);
        Assert.True(setup.Succeeded, setup.Error?.Value);

        using var cancel = new CancellationTokenSource();
        var sink = new RecordingSink();
        // Interrupt once the live progress output shows that training is under way.
        sink.OnOutput = output =>
        {
            if (output.Kind == "update") cancel.Cancel();
        };
        var fit = await fixture.Session.ExecuteAsync("net.Fit(xs, ys, batchSize: 8, epochs: 100000, callbacks: [counter])", sink, cancel.Token);
        Assert.Equal("OperationCanceledException", fit.Error!.Name);
        var progress = sink.Outputs.Where(o => o.Kind is "display" or "update").ToArray();
        Assert.Single(progress, o => o.Kind == "display");
        Assert.All(progress, o => Assert.Equal(progress[0].DisplayId, o.DisplayId));

        var (after, _) = await fixture.RunAsync("var p = net.Predict(xs, verbose: 0);\n(steps > 0 && steps < 800000, p.Shape.ToString(), float.IsFinite(p.ToArray()[0]))");
        Assert.True(after.Succeeded, after.Error?.Value);
        Assert.Equal("(True, (64, 1), True)", after.Value!.PlainText);
    }

    [Fact]
    public async Task FitShowsOneThrottledLiveProgressOutput()
    {
        // 3 epochs of 200 batches, each at least a millisecond long, so the throttle has something to hold back.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (result, sink) = await fixture.RunAsync("""
            var px = Ops.RandomNormal(new Shape(800, 4));
            var py = Ops.RandomNormal(new Shape(800, 1));
            var pm = Sequential(Input([4]), Dense(1));
            pm.Compile(optimizer: "sgd", loss: "mse", metrics: ["mae"]);
            var slow = new LambdaCallback(onTrainBatchEnd: (batch, logs) => Thread.Sleep(1));
            var ph = pm.Fit(px, py, batchSize: 4, epochs: 3, validationSplit: 0.2, callbacks: [slow]);
            $"loss: {TextProgressRenderer.Value(ph["loss"][^1])} - mae: {TextProgressRenderer.Value(ph["mae"][^1])} - val_loss: {TextProgressRenderer.Value(ph["val_loss"][^1])}"
            """);
        var elapsed = clock.Elapsed;
        Assert.True(result.Succeeded, result.Error?.Value);
        var display = Assert.Single(sink.Outputs, o => o.Kind == "display");
        var updates = sink.Outputs.Where(o => o.Kind == "update").ToArray();
        Assert.All(updates, u => Assert.Equal(display.DisplayId, u.DisplayId));
        Assert.NotEmpty(updates);
        // At most ten updates a second while the cell runs, plus the final render at its end.
        log.WriteLine($"{1 + updates.Length} renderings in {elapsed.TotalSeconds:F2}s");
        Assert.True(updates.Length <= elapsed.TotalSeconds * 10 + 1, $"{1 + updates.Length} renderings in {elapsed.TotalSeconds:F2}s");

        var final = updates[^1].Data!;
        var lines = final.PlainText.Split('\n');
        Assert.Equal(["Epoch 1/3", "Epoch 2/3", "Epoch 3/3"], lines.Where((_, i) => i % 2 == 0));
        Assert.All(lines.Where((_, i) => i % 2 == 1), line => Assert.StartsWith("160/160 ━━━━━━━━━━━━━━━━━━━━ ", line, StringComparison.Ordinal));
        var finalValues = result.Value!.PlainText;
        Assert.Contains(finalValues, lines[^1], StringComparison.Ordinal);
        var html = final.Data[DisplayFormatter.Html];
        Assert.Contains("class=\"nk-progress-bar\"", html);
        foreach (var value in finalValues.Split(" - ")) Assert.Contains("<b>" + value.Replace(": ", "</b> ", StringComparison.Ordinal), html);
        Assert.Contains("<svg class=\"nk-curve\" data-name=\"loss\"", html);
    }

    [Fact]
    public async Task EvaluateAndPredictEachShowOneLiveOutput()
    {
        var (result, sink) = await fixture.RunAsync("""
            var ex = Ops.RandomNormal(new Shape(64, 4));
            var ey = Ops.RandomNormal(new Shape(64, 1));
            var em = Sequential(Input([4]), Dense(1));
            em.Compile(optimizer: "sgd", loss: "mse");
            em.Evaluate(ex, ey, batchSize: 8);
            em.Predict(ex, batchSize: 16);
            """);
        Assert.True(result.Succeeded, result.Error?.Value);
        var displays = sink.Outputs.Where(o => o.Kind == "display").ToArray();
        Assert.Equal(2, displays.Length);
        Assert.NotEqual(displays[0].DisplayId, displays[1].DisplayId);
        string Final(string id) => sink.Outputs.Last(o => o.DisplayId == id).Data!.PlainText;
        Assert.Matches(@"^8/8 ━+ \S+ \S+/step - loss: \d", Final(displays[0].DisplayId!));
        Assert.Matches(@"^4/4 ━+ ", Final(displays[1].DisplayId!));
    }

    [Fact]
    public async Task CompletesMembersAfterADot()
    {
        var (setup, _) = await fixture.RunAsync("var model = Sequential();");
        Assert.True(setup.Succeeded, setup.Error?.Value);
        var all = await fixture.Session.CompleteAsync("model.", 6);
        Assert.Contains("Fit", all.Matches);
        Assert.Contains("Compile", all.Matches);
        Assert.Contains("Predict", all.Matches);
        Assert.Equal((6, 6), (all.CursorStart, all.CursorEnd));

        var some = await fixture.Session.CompleteAsync("var h = model.Fi", 16);
        Assert.Contains("Fit", some.Matches);
        Assert.DoesNotContain("Compile", some.Matches);
        Assert.Equal((14, 16), (some.CursorStart, some.CursorEnd));

        var names = await fixture.Session.CompleteAsync("Den", 3);
        Assert.Contains("Dense", names.Matches);
    }

    [Fact]
    public async Task InspectsTheSymbolAtTheCursor()
    {
        await fixture.RunAsync("var inspected = Sequential();");
        var bundle = await fixture.Session.InspectAsync("inspected.Compile", 17);
        Assert.Contains("Compile(", bundle!.PlainText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var x = 1;", "complete")]
    [InlineData("for (var i = 0; i < 3; i++) {", "incomplete")]
    [InlineData("var s = \"abc", "incomplete")]
    [InlineData("var x = 1 +;", "invalid")]
    public async Task TellsWhetherACellIsComplete(string code, string status)
    {
        var (actual, indent) = await fixture.Session.IsCompleteAsync(code);
        Assert.Equal(status, actual);
        Assert.Equal(status == "incomplete" ? "    " : "", indent);
    }
}
