using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Layers.Recurrent;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

public class RecurrentLayersTests
{
    private const string File = "recurrent.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    private static RNN Make(string kind, int units, bool resetAfter = true, bool returnSequences = true, bool returnState = true,
        bool goBackwards = false, bool zeroOutputForMask = false, bool stateful = false) => kind switch
        {
            "simple_rnn" => new SimpleRNN(units, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask, stateful: stateful),
            "lstm" => new LSTM(units, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask, stateful: stateful),
            "gru" => new GRU(units, resetAfter: resetAfter, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask, stateful: stateful),
            _ => throw new ArgumentException(kind),
        };

    /// <summary>The case's layer with the reference weights, and its sequence input (with its mask) and initial states.</summary>
    private static (RNN Layer, Tensor X, Tensor[] Initial) Setup(ReferenceCase c, bool returnSequences = true, bool returnState = true)
    {
        var inputs = c.Inputs;
        var layer = Make(c.Op, c.Int("units"), c.Bool("reset_after"), returnSequences, returnState, c.Bool("go_backwards"), c.Bool("zero_output_for_mask"));
        var x = inputs[0];
        layer.ApplyMany([x]);
        layer.SetWeights([inputs[1], inputs[2], inputs[3]]);
        var next = 4;
        if (c.Bool("masked")) x.KerasMask = inputs[next++];
        return (layer, x, inputs[next..]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var (layer, x, initial) = Setup(c);
        var outputs = initial.Length > 0 ? layer.ApplyMany(x, initial) : layer.ApplyMany([x]);
        var expected = c.Outputs;
        Assert.Equal(expected.Length, outputs.Count);
        for (var i = 0; i < expected.Length; i++) TensorAssert.Close(expected[i], outputs[i], 1e-5f, 1e-5f, $"{name} output {i}");

        // Without returnSequences the layer returns the last step of the sequence.
        var (last, x2, initial2) = Setup(c, returnSequences: false, returnState: false);
        var y = initial2.Length > 0 ? last.ApplyMany(x2, initial2)[0] : last.Apply(x2);
        var seq = expected[0];
        var steps = seq.Shape[1];
        TensorAssert.Close(Runtime.Ops.Reshape(Runtime.Ops.Slice(seq, [0, steps - 1, 0], [seq.Shape[0], 1, seq.Shape[2]]), seq.Shape[0], seq.Shape[2]), y, 1e-5f, 1e-5f, name);
    }

    [Theory]
    [InlineData("simple_rnn", true, false)]
    [InlineData("lstm", true, false)]
    [InlineData("lstm", true, true)]
    [InlineData("gru", true, false)]
    [InlineData("gru", false, true)]
    public void GradientsThroughTimeMatchFiniteDifferences(string kind, bool resetAfter, bool masked)
    {
        var layer = Make(kind, 3, resetAfter, returnSequences: true, returnState: false, goBackwards: masked);
        var x = GradientCheck.Random(1, -1, 1, 2, 3, 2);
        var mask = Tensor.FromArray(new[] { 1, 0, 1, 1, 1, 0 }, 2, 3);
        var h0 = GradientCheck.Random(2, -1, 1, 2, 3);
        var states = kind == "lstm" ? new[] { h0, GradientCheck.Random(3, -1, 1, 2, 3) } : [h0];
        layer.ApplyMany(x, states);
        // Inputs and initial states, through every timestep.
        GradientCheck.Check(xs =>
        {
            if (masked) xs[0].KerasMask = mask;
            return layer.ApplyMany(xs[0], xs[1..])[0];
        }, [x, .. states], name: kind);

        // Weights: tape gradient of a weighted sum against central differences on each element.
        var weights = Runtime.Ops.Reshape(GradientCheck.Random(4, -1, 1, 2 * 3 * 3), 2, 3, 3);
        GradientCheck.CheckWeights(() =>
        {
            if (masked) x.KerasMask = mask;
            return Runtime.Ops.Sum(Runtime.Ops.Multiply(layer.ApplyMany(x, states)[0], weights));
        }, layer.TrainableWeights, name: kind);
    }

    [Fact]
    public void SequenceGradientsAddUpWithOtherUsesOfTheInputAndRepeatOnAPersistentTape()
    {
        var layer = new SimpleRNN(3, returnSequences: true);
        var x = GradientCheck.Random(14, -1, 1, 2, 4, 3);
        GradientCheck.Check(xs => Runtime.Ops.Add(layer.Apply(xs[0]), Runtime.Ops.Square(xs[0])), [x], name: "residual");
        using var tape = new GradientTape(persistent: true);
        tape.Watch(x);
        var y = Runtime.Ops.Sum(Runtime.Ops.Multiply(layer.Apply(x), x));
        var first = tape.Gradient(y, x)[0];
        TensorAssert.Equal(first, tape.Gradient(y, x)[0]);
    }

    [Fact]
    public void WeightsHaveKeras3NamesAndShapes()
    {
        var x = Tensor.Ones(2, 4, 3);
        var lstm = new LSTM(5);
        lstm.Apply(x);
        Assert.Equal(["kernel", "recurrent_kernel", "bias"], lstm.Weights.Select(v => v.Name));
        Assert.Equal([new Shape(3, 20), new Shape(5, 20), new Shape(20)], lstm.Weights.Select(v => v.Shape));
        // unit_forget_bias: ones for the forget gate, zeros elsewhere.
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i is >= 5 and < 10 ? 1f : 0f), lstm.Cell.Bias!.Value.ToArray());
        // The recurrent kernel is orthogonal: R·Rᵀ = I for its (5, 20) rows.
        var r = lstm.Cell.RecurrentKernel!.Value;
        TensorAssert.Close(Tensor.FromArray(Enumerable.Range(0, 25).Select(i => i % 6 == 0 ? 1f : 0f).ToArray(), 5, 5), Runtime.Ops.MatMul(r, Runtime.Ops.Transpose(r)), 1e-4f, 1e-4f);

        var gru = new GRU(5);
        gru.Apply(x);
        Assert.Equal([new Shape(3, 15), new Shape(5, 15), new Shape(2, 15)], gru.Weights.Select(v => v.Shape));
        var gruBefore = new GRU(5, resetAfter: false);
        gruBefore.Apply(x);
        Assert.Equal(new Shape(15), gruBefore.Weights[2].Shape);
        var simple = new SimpleRNN(5, useBias: false);
        simple.Apply(x);
        Assert.Equal([new Shape(3, 5), new Shape(5, 5)], simple.Weights.Select(v => v.Shape));
        Assert.Equal(new Shape(-1, 5), lstm.ComputeOutputShape(new Shape(-1, 4, 3)));
        Assert.Equal([new Shape(-1, 4, 5), new Shape(-1, 5), new Shape(-1, 5)],
            new LSTM(5, returnSequences: true, returnState: true).ComputeOutputShape([new Shape(-1, 4, 3)]));
    }

    [Fact]
    public void StatefulLayerCarriesItsStateAcrossCallsUntilReset()
    {
        var x = GradientCheck.Random(5, -1, 1, 2, 6, 3);
        var whole = new LSTM(4, returnSequences: true);
        var full = whole.Apply(x).ToArray();
        var stateful = new LSTM(4, returnSequences: true, stateful: true);
        stateful.Apply(Runtime.Ops.Slice(x, [0, 0, 0], [2, 3, 3]));
        stateful.SetWeights(whole.GetWeights());
        stateful.ResetStates();
        var first = stateful.Apply(Runtime.Ops.Slice(x, [0, 0, 0], [2, 3, 3]));
        var second = stateful.Apply(Runtime.Ops.Slice(x, [0, 3, 0], [2, 3, 3]));
        TensorAssert.Close(Tensor.FromArray(full, 2, 6, 4), Runtime.Ops.Concatenate([first, second], axis: 1), 1e-6f, 1e-6f);

        // ResetStates() zeroes: the second half then starts fresh.
        stateful.ResetStates();
        var fresh = new LSTM(4, returnSequences: true);
        fresh.Apply(Runtime.Ops.Slice(x, [0, 3, 0], [2, 3, 3]));
        fresh.SetWeights(whole.GetWeights());
        TensorAssert.Close(fresh.Apply(Runtime.Ops.Slice(x, [0, 3, 0], [2, 3, 3])), stateful.Apply(Runtime.Ops.Slice(x, [0, 3, 0], [2, 3, 3])), 1e-6f, 1e-6f);

        // ResetStates(states) sets them from arrays; the carried states equal initial states passed eagerly.
        var h = GradientCheck.Random(6, -1, 1, 2, 4);
        var c = GradientCheck.Random(7, -1, 1, 2, 4);
        stateful.ResetStates([h, c]);
        var y = stateful.Apply(Runtime.Ops.Slice(x, [0, 0, 0], [2, 3, 3]));
        TensorAssert.Close(fresh.ApplyMany(Runtime.Ops.Slice(x, [0, 0, 0], [2, 3, 3]), [h, c])[0], y, 1e-6f, 1e-6f);
        var wrong = Assert.Throws<ArgumentException>(() => stateful.ResetStates([h]));
        Assert.Contains("2 state(s)", wrong.Message);
        Assert.Throws<InvalidOperationException>(() => whole.ResetStates());
    }

    [Fact]
    public void InitialStateOfTheWrongCountOrShapeIsAClearError()
    {
        var x = Tensor.Ones(2, 4, 3);
        var lstm = new LSTM(5, name: "encoder");
        var count = Assert.Throws<ArgumentException>(() => lstm.ApplyMany(x, [Tensor.Zeros(2, 5)]));
        Assert.Contains("'encoder'", count.Message);
        Assert.Contains("must hold 2 state(s) of sizes [5, 5], got 1", count.Message);
        var shape = Assert.Throws<ArgumentException>(() => lstm.ApplyMany(x, [Tensor.Zeros(2, 5), Tensor.Zeros(2, 4)]));
        Assert.Contains("state 1 must have shape (2, 5), got (2, 4)", shape.Message);
        Assert.Throws<ArgumentException>(() => new GRU(3).Apply(Tensor.Ones(2, 3)));
    }

    [Fact]
    public void MaskFromEmbeddingPropagatesAndCarriesStates()
    {
        var tokens = Tensor.FromArray(new[] { 3, 1, 0, 0, 2, 4, 5, 0 }, 2, 4);
        var embedding = new Embedding(6, 3, maskZero: true);
        var lstm = new LSTM(4, returnSequences: true);
        var y = lstm.Apply(embedding.Apply(tokens));
        Assert.NotNull(y.KerasMask);
        var values = y.ToArray();
        // Padded steps repeat the last unmasked output.
        for (var f = 0; f < 4; f++)
        {
            Assert.Equal(values[1 * 4 + f], values[2 * 4 + f]);
            Assert.Equal(values[1 * 4 + f], values[3 * 4 + f]);
            Assert.Equal(values[(4 + 2) * 4 + f], values[(4 + 3) * 4 + f]);
        }
        var last = new LSTM(4);
        last.Apply(embedding.Apply(tokens));
        last.SetWeights(lstm.GetWeights());
        var final = last.Apply(embedding.Apply(tokens));
        Assert.Null(final.KerasMask);
        TensorAssert.Close(Tensor.FromArray([.. values[4..8], .. values[24..28]], 2, 4), final, 1e-6f, 1e-6f);
    }

    [Fact]
    public void DropoutAppliesOnlyWhenTraining()
    {
        var x = GradientCheck.Random(8, -1, 1, 4, 5, 3);
        var plain = new GRU(6);
        var expected = plain.Apply(x);
        var dropped = new GRU(6, dropout: 0.5f, recurrentDropout: 0.3f, seed: 1);
        dropped.Apply(x);
        dropped.SetWeights(plain.GetWeights());
        TensorAssert.Close(expected, dropped.Apply(x, training: false), 1e-6f, 1e-6f);
        var training = dropped.Apply(x, training: true);
        Assert.NotEqual(expected.ToArray(), training.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LSTM(3, dropout: 1.5f));
    }

    [Fact]
    public void ConfigsRoundTripAndMatchKeras3()
    {
        KerasConfigAssert.RoundTrips(new LSTM(7, activation: "relu", unitForgetBias: false, dropout: 0.25f, returnSequences: true, goBackwards: true, name: "l"));
        KerasConfigAssert.RoundTrips(new GRU(3, resetAfter: false, recurrentActivation: "hard_sigmoid", returnState: true, stateful: true));
        KerasConfigAssert.RoundTrips(new SimpleRNN(2, useBias: false, zeroOutputForMask: true, seed: 4));
        KerasConfigAssert.RoundTrips(new LSTMCell(4, recurrentDropout: 0.1f));
        var rnn = KerasConfigAssert.RoundTrips(new RNN(new GRUCell(4, resetAfter: false), returnSequences: true));
        Assert.False(((GRUCell)rnn.Cell).ResetAfter);

        foreach (var file in new[] { "lstm.json", "gru.json" })
        {
            var json = JsonNode.Parse(System.IO.File.ReadAllText(KerasFixtures.PathOf(file)))!.AsObject();
            var model = (Sequential)KerasRegistry.Deserialize(json);
            var ours = model.GetConfig()["layers"]!.AsArray();
            var theirs = json["config"]!["layers"]!.AsArray();
            for (var i = 0; i < 2; i++)
            {
                var expected = theirs[i + 1]!["config"]!.AsObject();
                var actual = ours[i + 1]!["config"]!.AsObject();
                Assert.Equal(expected.Select(kv => kv.Key), actual.Select(kv => kv.Key));
                foreach (var (key, value) in expected)
                    Assert.True(SameValue(value, actual[key]), $"{file} layer {i} '{key}': Keras {value?.ToJsonString()}, ours {actual[key]?.ToJsonString()}");
            }
            Assert.Equal(new Shape(-1, 3), model.Predict(Tensor.Ones(2, 7, 5), verbose: 0).Shape.WithDim(0, -1));
        }
    }

    public static IEnumerable<object[]> Keras3Models => ReferenceCases.Names("keras3_recurrent.json");

    /// <summary>The Keras 3 fixture models (stacked LSTMs, stacked GRUs, Embedding(mask_zero) → LSTM) with Keras's weights predict as Keras.</summary>
    [Theory]
    [MemberData(nameof(Keras3Models))]
    public void Keras3FixtureModelsPredictAsKeras(string name)
    {
        var c = ReferenceCases.Get("keras3_recurrent.json", name);
        var json = JsonNode.Parse(System.IO.File.ReadAllText(KerasFixtures.PathOf($"{name}.json")))!.AsObject();
        var model = (Sequential)KerasRegistry.Deserialize(json);
        var inputs = c.Inputs;
        model.SetWeights(inputs[1..]);
        TensorAssert.Close(c.Output, model.Predict(inputs[0], verbose: 0), 1e-4f, 1e-5f, name);
    }

    [Fact]
    public void TrailingTimestepsMaskedByMaskingAreSkipped()
    {
        var x = GradientCheck.Random(13, -1, 1, 2, 5, 3);
        var padded = x.ToArray();
        for (var f = 0; f < 3; f++)
        {
            padded[(0 * 5 + 3) * 3 + f] = 0f; // sample 0: the last two steps are padding
            padded[(0 * 5 + 4) * 3 + f] = 0f;
        }
        var gru = new GRU(4, returnState: true);
        var masked = gru.ApplyMany([new Masking().Apply(Tensor.FromArray(padded, 2, 5, 3))]);
        var truncated = gru.ApplyMany([Runtime.Ops.Slice(x, [0, 0, 0], [1, 3, 3])]);
        TensorAssert.Close(truncated[0], Runtime.Ops.Slice(masked[0], [0, 0], [1, 4]), 1e-6f, 1e-6f);
        TensorAssert.Close(truncated[1], Runtime.Ops.Slice(masked[1], [0, 0], [1, 4]), 1e-6f, 1e-6f);
        var full = gru.ApplyMany([Runtime.Ops.Slice(x, [1, 0, 0], [1, 5, 3])])[0];
        TensorAssert.Close(full, Runtime.Ops.Slice(masked[0], [1, 0], [1, 4]), 1e-6f, 1e-6f);
    }

    [Fact]
    public void RegularizersAddLossesAndConstraintsAttachToTheWeights()
    {
        var lstm = new LSTM(3, kernelRegularizer: new L2(0.1f), recurrentRegularizer: new L1(0.1f), activityRegularizer: new L2(0.01f),
            kernelConstraint: new NonNeg(), biasConstraint: new MaxNorm(2f));
        lstm.Apply(Tensor.Ones(2, 4, 2));
        Assert.Equal(3, lstm.Losses.Count);
        var kernel = lstm.Cell.Kernel!;
        var expected = 0.1f * kernel.Value.ToArray().Sum(v => v * v);
        Assert.Contains(lstm.Losses, l => Math.Abs(l.ToArray()[0] - expected) < 1e-5f);
        Assert.IsType<NonNeg>(kernel.Constraint);
        Assert.IsType<MaxNorm>(lstm.Cell.Bias!.Constraint);
        Assert.Null(lstm.Cell.RecurrentKernel!.Constraint);
    }

    [Fact]
    public void SymbolicInitialStatesWorkInAFunctionalModel()
    {
        var x = InputLayer.Create(new Shape(4, 3));
        var h = InputLayer.Create(new Shape(5));
        var c = InputLayer.Create(new Shape(5));
        var lstm = new LSTM(5, returnSequences: true, returnState: true);
        var outputs = lstm.ApplyMany(x, [h, c]);
        Assert.Equal([new Shape(-1, 4, 5), new Shape(-1, 5), new Shape(-1, 5)], outputs.Select(o => o.Shape));
        var model = new Functional([x, h, c], [outputs[0], outputs[2]]);
        var xv = GradientCheck.Random(9, -1, 1, 2, 4, 3);
        var hv = GradientCheck.Random(10, -1, 1, 2, 5);
        var cv = GradientCheck.Random(11, -1, 1, 2, 5);
        var actual = model.ApplyMany([xv, hv, cv]);
        var expected = lstm.ApplyMany(xv, [hv, cv]);
        TensorAssert.Close(expected[0], actual[0], 1e-6f, 1e-6f);
        TensorAssert.Close(expected[2], actual[1], 1e-6f, 1e-6f);
        var wrong = Assert.Throws<ArgumentException>(() => new LSTM(5).ApplyMany(x, [h, InputLayer.Create(new Shape(4))]));
        Assert.Contains("state 1 must have shape (batch, 5), got (None, 4)", wrong.Message.Replace("-1", "None"));
    }

    [Fact]
    public void AUserWrittenCellRunsInTheRecurrentLayer()
    {
        var x = GradientCheck.Random(12, -1, 1, 2, 4, 3);
        var rnn = new RNN(new MinimalRNNCell(5), returnSequences: true);
        var y = rnn.Apply(x);
        Assert.Equal(new Shape(2, 4, 5), y.Shape);
        Assert.Equal(2, rnn.TrainableWeights.Count);
        // The same computation as a linear SimpleRNN without bias.
        var simple = new SimpleRNN(5, activation: null, useBias: false, returnSequences: true);
        simple.Apply(x);
        simple.SetWeights(rnn.GetWeights());
        TensorAssert.Close(simple.Apply(x), y, 1e-6f, 1e-6f);
        GradientCheck.Check(xs => rnn.Apply(xs[0]), [x], name: "minimal cell");
    }

    [Fact]
    public void AStatefulLayerRejectsABatchOfAnotherSize()
    {
        var gru = new GRU(3, stateful: true, name: "memory");
        gru.Apply(Tensor.Ones(2, 4, 3));
        var e = Assert.Throws<ArgumentException>(() => gru.Apply(Tensor.Ones(3, 4, 3)));
        Assert.Contains("'memory'", e.Message);
        Assert.Contains("ResetStates", e.Message);
        var stateless = Assert.Throws<ArgumentException>(() => new LSTM(3, stateful: true).Apply(InputLayer.Create(new Shape(4, 3))));
        Assert.Contains("fixed batch size", stateless.Message);
    }

    /// <summary>Keras's MinimalRNNCell example: output = x·kernel + h·recurrent_kernel.</summary>
    private sealed class MinimalRNNCell(int units) : RecurrentCell
    {
        private Variable? _kernel;
        private Variable? _recurrentKernel;

        public override IReadOnlyList<int> StateSize => [units];

        public override int OutputSize => units;

        public override void Build(Shape inputShape)
        {
            _kernel = AddWeight(new Shape(inputShape[-1], units), "glorot_uniform", name: "kernel");
            _recurrentKernel = AddWeight(new Shape(units, units), "glorot_uniform", name: "recurrent_kernel");
        }

        public override (Tensor Output, IReadOnlyList<Tensor> States) Call(Tensor inputs, IReadOnlyList<Tensor> states, bool training)
        {
            var output = Runtime.Ops.Add(Runtime.Ops.MatMul(inputs, _kernel!), Runtime.Ops.MatMul(states[0], _recurrentKernel!));
            return (output, [output]);
        }
    }

    // Numbers by value (Keras writes 0.0 where we write 0); initializer axes are Keras 3.15 additions we do not model.
    private static bool SameValue(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonValue x, JsonValue y) when x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number =>
            double.Parse(x.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) == double.Parse(y.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture),
        (JsonObject x, JsonObject y) => x.Where(kv => kv.Key is not ("input_axes" or "output_axes")).All(kv => SameValue(kv.Value, y[kv.Key])),
        _ => JsonNode.DeepEquals(a, b),
    };
}
