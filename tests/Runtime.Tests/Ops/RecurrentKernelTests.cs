using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers.Recurrent;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Ops;

/// <summary>
/// The fused LSTM / GRU sequence kernels against the per-step path (an <see cref="RNN"/> over the same cell, written with Ops and
/// differentiated step by step by the tape): outputs, final states and every gradient.
/// </summary>
public class RecurrentKernelTests
{
    private const int Batch = 3, Timesteps = 5, Features = 4;

    // Row 0 starts masked (its output is zeros until the first kept step), row 1 ends masked, row 2 is fully kept.
    private static readonly int[] MaskValues = [0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1];

    public static IEnumerable<object[]> Cases()
    {
        foreach (var kind in new[] { "lstm", "gru", "gru_reset_before" })
        {
            foreach (var units in new[] { 3, 20 })
            {
                // returnSequences, returnState, goBackwards, masked, initialState, zeroOutputForMask
                yield return [kind, units, true, true, false, false, false, false];
                yield return [kind, units, false, true, true, false, true, false];
                yield return [kind, units, true, false, true, true, true, false];
                yield return [kind, units, true, true, false, true, false, true];
                yield return [kind, units, false, false, false, true, true, true];
                yield return [kind, units, false, true, true, true, false, false];
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FusedMatchesPerStepPath(string kind, int units, bool returnSequences, bool returnState, bool goBackwards, bool masked, bool initialState, bool zeroOutputForMask)
    {
        var mask = masked ? Tensor.FromArray(MaskValues, Batch, Timesteps) : null;
        Compare(kind, units, Batch, Timesteps, returnSequences, returnState, goBackwards, mask, initialState, zeroOutputForMask);
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("gru_reset_before")]
    public void FusedMatchesPerStepPathWithBatchBandsOnSeveralThreads(string kind)
    {
        // Large enough for the kernels to split the batch across threads (when the machine has several cores).
        const int batch = 5, timesteps = 24;
        var random = new Random(7);
        var mask = Tensor.FromArray(Enumerable.Range(0, batch * timesteps).Select(_ => random.Next(4) == 0 ? 0 : 1).ToArray(), batch, timesteps);
        Compare(kind, 20, batch, timesteps, returnSequences: true, returnState: true, goBackwards: true, mask, initialState: true, zeroOutputForMask: false);
    }

    private static void Compare(string kind, int units, int batch, int timesteps, bool returnSequences, bool returnState, bool goBackwards, Tensor? mask,
        bool initialState, bool zeroOutputForMask)
    {
        var (fused, steps) = Pair(kind, units, returnSequences, returnState, goBackwards, zeroOutputForMask, stateful: false, batch, timesteps);
        var x = GradientCheck.Random(1, -2, 2, batch, timesteps, Features);
        var states = initialState ? InitialStates(kind, units, batch) : [];
        var (expected, expectedGrads, stepNodes) = Run(steps, x, states, mask);
        var (actual, actualGrads, fusedNodes) = Run(fused, x, states, mask);

        var label = $"{kind} units {units}";
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) TensorAssert.Close(expected[i], actual[i], 1e-5f, 1e-5f, $"{label} output {i}");
        for (var i = 0; i < expectedGrads.Length; i++) TensorAssert.Close(expectedGrads[i], actualGrads[i], 1e-5f, 1e-5f, $"{label} gradient {i}");
        // One node for the whole sequence (plus one per output and the objective's), not a few per timestep.
        Assert.True(fusedNodes < 16 && stepNodes > 4 * timesteps, $"{label}: {fusedNodes} nodes fused, {stepNodes} step by step");
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("gru_reset_before")]
    public void StatefulFusedMatchesPerStepPath(string kind)
    {
        var (fused, steps) = Pair(kind, 3, returnSequences: true, returnState: false, goBackwards: false, zeroOutputForMask: false, stateful: true);
        for (var call = 0; call < 2; call++)
        {
            var x = GradientCheck.Random(10 + call, -1, 1, Batch, Timesteps, Features);
            TensorAssert.Close(steps.Apply(x), fused.Apply(x), 1e-5f, 1e-5f, $"{kind} call {call}");
            for (var i = 0; i < steps.States!.Count; i++) TensorAssert.Close(steps.States[i], fused.States![i], 1e-5f, 1e-5f, $"{kind} call {call} state {i}");
        }
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("gru_reset_before")]
    public void FusedGradientsMatchFiniteDifferences(string kind)
    {
        // The last output and the final states, with a mask whose last step is masked: the carried output and states.
        var (layer, _) = Pair(kind, 2, returnSequences: false, returnState: true, goBackwards: true, zeroOutputForMask: false, stateful: false);
        var x = GradientCheck.Random(3, -1, 1, 2, 3, 2);
        var mask = Tensor.FromArray(new[] { 1, 1, 0, 0, 1, 1 }, 2, 3);
        var states = InitialStates(kind, 2, batch: 2);
        layer.ApplyMany(x, states);
        GradientCheck.Check(xs =>
        {
            xs[0].KerasMask = mask;
            return Runtime.Ops.Concatenate([.. layer.ApplyMany(xs[0], xs[1..])], axis: 1);
        }, [x, .. states], name: kind);
    }

    private static (RNN Fused, RNN Steps) Pair(string kind, int units, bool returnSequences, bool returnState, bool goBackwards, bool zeroOutputForMask, bool stateful,
        int batch = Batch, int timesteps = Timesteps)
    {
        RNN fused;
        RecurrentCell cell;
        if (kind == "lstm")
        {
            fused = new LSTM(units, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask, stateful: stateful);
            cell = new LSTMCell(units);
        }
        else
        {
            var resetAfter = kind == "gru";
            fused = new GRU(units, resetAfter: resetAfter, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask, stateful: stateful);
            cell = new GRUCell(units, resetAfter: resetAfter);
        }
        var steps = new RNN(cell, returnSequences, returnState, goBackwards, stateful, zeroOutputForMask: zeroOutputForMask);
        var probe = Tensor.Zeros(batch, timesteps, Features);
        fused.ApplyMany([probe]);
        steps.ApplyMany([probe]);
        if (stateful)
        {
            fused.ResetStates();
            steps.ResetStates();
        }
        // Random biases too, so every bias gradient path matters.
        var weights = fused.GetWeights().Select((w, i) => GradientCheck.Random(20 + i, -0.6f, 0.6f, w.Shape.ToArray())).ToArray();
        fused.SetWeights(weights);
        steps.SetWeights(weights);
        return (fused, steps);
    }

    private static Tensor[] InitialStates(string kind, int units, int batch = Batch)
    {
        var h = GradientCheck.Random(5, -1, 1, batch, units);
        return kind == "lstm" ? [h, GradientCheck.Random(6, -1, 1, batch, units)] : [h];
    }

    /// <summary>The outputs and the gradients of a weighted sum of all of them for x, the initial states and the weights.</summary>
    private static (Tensor[] Outputs, Tensor[] Grads, int Nodes) Run(RNN layer, Tensor x, Tensor[] states, Tensor? mask)
    {
        using var tape = new GradientTape();
        tape.Watch([x, .. states]);
        x.KerasMask = mask;
        var outputs = (states.Length > 0 ? layer.ApplyMany(x, states) : layer.ApplyMany([x])).ToArray();
        x.KerasMask = null;
        var objective = Tensor.Scalar(0f);
        for (var i = 0; i < outputs.Length; i++)
        {
            var w = GradientCheck.Random(40 + i, -1, 1, outputs[i].Shape.ToArray());
            objective = Runtime.Ops.Add(objective, Runtime.Ops.Sum(Runtime.Ops.Multiply(outputs[i], w)));
        }
        var nodes = tape.RecordedCount;
        var grads = tape.Gradient(objective, [x, .. states, .. layer.TrainableWeights.Select(v => v.Value)]);
        return (outputs, grads, nodes);
    }
}
