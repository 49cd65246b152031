using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Optimizers.Schedules;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Optimizers;

/// <summary>Every optimizer and schedule against Keras's formulas computed in PyTorch (Reference/gen_optimizers.py).</summary>
public class OptimizerReferenceTests
{
    private const string File = "optimizers.json";

    public static IEnumerable<object[]> OptimizerCases => ReferenceCases.Names(File).Where(n => !((string)n[0]).StartsWith("schedule_", StringComparison.Ordinal));

    public static IEnumerable<object[]> ScheduleCases => ReferenceCases.Names(File).Where(n => ((string)n[0]).StartsWith("schedule_", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(OptimizerCases))]
    public void ThreeStepsMatchKerasFormulas(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var inputs = c.Inputs;
        var expected = c.Outputs;
        var kernel = new Variable(inputs[0], "kernel") { Path = "dense/kernel" };
        var bias = new Variable(inputs[1], "bias") { Path = "dense/bias" };
        Variable[] variables = [kernel, bias];
        var optimizer = FromCase(c);

        optimizer.Apply([inputs[2], inputs[3]], variables);
        TensorAssert.Close(expected[0], kernel.Value, rtol: 1e-5f, atol: 1e-7f, because: $"{name}: kernel after step 1");
        TensorAssert.Close(expected[1], bias.Value, rtol: 1e-5f, atol: 1e-7f, because: $"{name}: bias after step 1");
        optimizer.Apply([inputs[4], inputs[5]], variables);
        optimizer.Apply([inputs[6], inputs[7]], variables);
        TensorAssert.Close(expected[2], kernel.Value, rtol: 1e-5f, atol: 1e-7f, because: $"{name}: kernel after step 3");
        TensorAssert.Close(expected[3], bias.Value, rtol: 1e-5f, atol: 1e-7f, because: $"{name}: bias after step 3");

        Assert.Equal(3, optimizer.Iterations);
        var slotNames = c.Args.GetProperty("slot_names").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var state = optimizer.Variables.Where(v => v.Name is not ("iteration" or "learning_rate")).ToArray();
        Assert.Equal(slotNames, state.Select(v => v.Name).ToArray());
        for (var i = 0; i < state.Length; i++)
            TensorAssert.Close(expected[4 + i], state[i].Value, rtol: 1e-5f, atol: 1e-7f, because: $"{name}: {state[i].Name} after step 3");
    }

    [Theory]
    [MemberData(nameof(ScheduleCases))]
    public void ScheduleMatchesKerasFormula(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var schedule = LearningRateSchedule.Deserialize((JsonObject)JsonNode.Parse(c.Args.GetProperty("schedule").GetRawText())!);
        var steps = c.Args.GetProperty("steps").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var actual = Tensor.FromArray(steps.Select(schedule.Call).ToArray(), steps.Length);
        TensorAssert.Close(c.Output, actual, rtol: 1e-5f, atol: 1e-8f, because: $"{name} at steps {string.Join(", ", steps)}");
    }

    /// <summary>The optimizer the case describes, deserialized from its Keras config (as a saved model's compile config would be).</summary>
    internal static Optimizer FromCase(ReferenceCase c) => Optimizer.Get((object)new JsonObject
    {
        ["module"] = "keras.optimizers",
        ["class_name"] = c.String("class_name"),
        ["config"] = JsonNode.Parse(c.Args.GetProperty("config").GetRawText()),
    })!;
}
