using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Layers.Recurrent;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

/// <summary>The recurrent API around the cells: constants passed to a cell, stacked cells, user-written cells.</summary>
public class RecurrentApiTests
{
    private const string File = "recurrent_api.json";

    public static IEnumerable<object[]> AttentionCases => ReferenceCases.Names(File).Where(n => ((string)n[0]).StartsWith("attention", StringComparison.Ordinal));

    public static IEnumerable<object[]> StackedCases => ReferenceCases.Names(File).Where(n => ((string)n[0]).StartsWith("stacked", StringComparison.Ordinal));

    static RecurrentApiTests() => KerasRegistry.RegisterCustom("Tests", nameof(AttentionCell), c => new AttentionCell(c.GetInt("units", 0, nameof(AttentionCell)), LayerConfig.Name(c)));

    // ---------------------------------------------------------------- constants

    [Theory]
    [MemberData(nameof(AttentionCases))]
    public void ConstantsReachTheCellAtEveryTimestepAsPyTorchComputes(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var inputs = c.Inputs;
        var (x, memory) = (inputs[0], inputs[1]);
        Tensor[] initial = c.Bool("initial_state") ? [inputs[7]] : [];
        var rnn = new RNN(new AttentionCell(c.Int("units")), returnSequences: true, returnState: true);
        rnn.ApplyMany(x, initial, [memory]);
        rnn.SetWeights(inputs[2..7]);
        var outputs = rnn.ApplyMany(x, initial, [memory]);
        Assert.Equal(1, rnn.NumConstants);
        for (var i = 0; i < 2; i++) TensorAssert.Close(c.Outputs[i], outputs[i], 1e-5f, 1e-5f, $"{name} output {i}");
    }

    [Fact]
    public void GradientsFlowIntoTheConstantsAndTheCellsWeights()
    {
        var rnn = new RNN(new AttentionCell(3), returnSequences: true);
        var x = GradientCheck.Random(20, -1, 1, 2, 3, 2);
        var memory = GradientCheck.Random(21, -1, 1, 2, 4, 2);
        GradientCheck.Check(xs => rnn.ApplyMany(xs[0], null, [xs[1]])[0], [x, memory], name: "attention");
        var weights = GradientCheck.Random(22, -1, 1, 2, 3, 3);
        GradientCheck.CheckWeights(() => Runtime.Ops.Sum(Runtime.Ops.Multiply(rnn.ApplyMany(x, null, [memory])[0], weights)), rnn.TrainableWeights, name: "attention");
    }

    [Fact]
    public void ConstantsAreExtraInputsOfAFunctionalNodeAndTheModelRoundTrips()
    {
        var x = InputLayer.Create(new Shape(4, 3), name: "sequence");
        var memory = InputLayer.Create(new Shape(6, 2), name: "memory");
        var h = InputLayer.Create(new Shape(5), name: "h");
        var rnn = new RNN(new AttentionCell(5), returnSequences: true, name: "attend");
        var y = rnn.ApplyMany(x, [h], [memory]);
        Assert.Equal([new Shape(-1, 4, 5)], y.Select(o => o.Shape));
        var model = new Functional([x, memory, h], y[0]);
        var xv = GradientCheck.Random(23, -1, 1, 2, 4, 3);
        var mv = GradientCheck.Random(24, -1, 1, 2, 6, 2);
        var hv = GradientCheck.Random(25, -1, 1, 2, 5);
        var expected = rnn.ApplyMany(xv, [hv], [mv])[0];
        TensorAssert.Close(expected, model.ApplyMany([xv, mv, hv])[0], 1e-6f, 1e-6f);

        var config = KerasRegistry.Serialize(model);
        var layer = config["config"]!["layers"]!.AsArray().Single(l => (string?)l!["name"] == "attend")!;
        Assert.Equal(1, (int)layer["config"]!["num_constants"]!);
        Assert.Equal("Tests>AttentionCell", (string?)layer["config"]!["cell"]!["registered_name"]);
        var copy = (Functional)KerasRegistry.Deserialize(JsonNode.Parse(config.ToJsonString())!.AsObject());
        copy.SetWeights(model.GetWeights());
        TensorAssert.Close(expected, copy.ApplyMany([xv, mv, hv])[0], 1e-6f, 1e-6f);
        Assert.Equal(1, ((RNN)copy.Layers.Single(l => l.Name == "attend")).NumConstants);
    }

    [Fact]
    public void ACellThatDoesNotAcceptConstantsIsAClearError()
    {
        var x = Tensor.Ones(2, 3, 2);
        var memory = Tensor.Ones(2, 4, 2);
        var cell = new SimpleRNNCell(3, name: "plain");
        var e = Assert.Throws<ArgumentException>(() => new RNN(cell, name: "reader").ApplyMany(x, null, [memory]));
        Assert.Contains("'reader'", e.Message);
        Assert.Contains("cell 'plain' (SimpleRNNCell) does not accept constants", e.Message);
        var symbolic = Assert.Throws<ArgumentException>(() => new RNN(new LSTMCell(3)).ApplyMany(InputLayer.Create(new Shape(3, 2)), null, [InputLayer.Create(new Shape(4, 2))]));
        Assert.Contains("does not accept constants", symbolic.Message);
        // Calling the cell's constants overload directly names the cell too.
        var direct = Assert.Throws<InvalidOperationException>(() => cell.Call(Tensor.Ones(2, 2), [Tensor.Zeros(2, 3)], [memory], false));
        Assert.Contains("Cell 'plain' (SimpleRNNCell) does not accept constants", direct.Message);
        // A layer keeps the number of constants it was first called with.
        var rnn = new RNN(new AttentionCell(3));
        rnn.ApplyMany(x, null, [memory]);
        Assert.Throws<ArgumentException>(() => rnn.ApplyMany(x, null, [memory, memory]));
        var missing = Assert.Throws<ArgumentException>(() => rnn.Apply(x));
        Assert.Contains("takes 1 constant(s)", missing.Message);
    }

    // ---------------------------------------------------------------- stacked cells

    [Theory]
    [MemberData(nameof(StackedCases))]
    public void StackedLSTMCellsMatchATwoLayerPyTorchLSTM(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var inputs = c.Inputs;
        var units = c.Int("units");
        var rnn = new RNN([new LSTMCell(units), new LSTMCell(units)], returnSequences: true, returnState: true, goBackwards: c.Bool("go_backwards"));
        rnn.ApplyMany([inputs[0]]);
        rnn.SetWeights(inputs[1..]);
        var outputs = rnn.ApplyMany([inputs[0]]);
        Assert.Equal(5, outputs.Count);
        for (var i = 0; i < 5; i++) TensorAssert.Close(c.Outputs[i], outputs[i], 1e-5f, 1e-5f, $"{name} output {i}");
    }

    [Fact]
    public void StackedCellsComputeWhatStackedLayersCompute()
    {
        var x = GradientCheck.Random(26, -1, 1, 2, 5, 3);
        var first = new LSTM(4, returnSequences: true);
        var second = new GRU(3, returnSequences: true);
        var expected = second.Apply(first.Apply(x));
        var stacked = new RNN(new StackedRNNCells([new LSTMCell(4), new GRUCell(3)]), returnSequences: true);
        stacked.Apply(x);
        Assert.Equal([4, 4, 3], stacked.Cell.StateSize);
        Assert.Equal(3, stacked.Cell.OutputSize);
        stacked.SetWeights([.. first.GetWeights(), .. second.GetWeights()]);
        TensorAssert.Close(expected, stacked.Apply(x), 1e-6f, 1e-6f);
        Assert.Equal(new Shape(-1, 5, 3), stacked.ComputeOutputShape(new Shape(-1, 5, 3)));

        // Masks carry every cell's states, as they do through the two layers.
        x.KerasMask = Tensor.FromArray(new[] { 1, 1, 0, 1, 0, 1, 1, 1, 0, 0 }, 2, 5);
        TensorAssert.Close(second.Apply(first.Apply(x)), stacked.Apply(x), 1e-6f, 1e-6f);
        x.KerasMask = null;

        var small = new RNN([new SimpleRNNCell(2), new SimpleRNNCell(2)], returnSequences: true);
        GradientCheck.Check(xs => small.Apply(xs[0]), [GradientCheck.Random(27, -1, 1, 2, 3, 2)], name: "stacked");
    }

    [Fact]
    public void StackedCellsSerializeAsKeras3()
    {
        var rnn = KerasConfigAssert.RoundTrips(new RNN([new LSTMCell(4, name: "a"), new GRUCell(3, resetAfter: false, name: "b")], returnSequences: true));
        var stacked = Assert.IsType<StackedRNNCells>(rnn.Cell);
        Assert.Equal(["a", "b"], stacked.Cells.Select(c => c.Name));
        Assert.False(((GRUCell)stacked.Cells[1]).ResetAfter);
        var cell = KerasRegistry.Serialize(rnn)["config"]!["cell"]!;
        Assert.Equal("StackedRNNCells", (string?)cell["class_name"]);
        Assert.Equal("keras.layers", (string?)cell["module"]);
        Assert.Equal(["LSTMCell", "GRUCell"], cell["config"]!["cells"]!.AsArray().Select(c => (string?)c!["class_name"]));
        Assert.Throws<ArgumentException>(() => new StackedRNNCells([]));
    }

    [Fact]
    public void AKeras3NodeGivingInitialStateByKeywordLoads()
    {
        var x = InputLayer.Create(new Shape(4, 3), name: "x");
        var h = InputLayer.Create(new Shape(5), name: "h");
        var c = InputLayer.Create(new Shape(5), name: "c");
        var model = new Functional([x, h, c], new LSTM(5, name: "lstm").ApplyMany(x, [h, c])[0]);
        // Keras 3 writes layer(x, initial_state=[h, c]) as {"args": [x], "kwargs": {"initial_state": [h, c]}}.
        var config = KerasRegistry.Serialize(model);
        var node = config["config"]!["layers"]!.AsArray().Single(l => (string?)l!["name"] == "lstm")!["inbound_nodes"]![0]!;
        var tensors = node["args"]![0]!.AsArray();
        node["args"] = new JsonArray(tensors[0]!.DeepClone());
        node["kwargs"] = new JsonObject { ["initial_state"] = new JsonArray(tensors[1]!.DeepClone(), tensors[2]!.DeepClone()) };
        var copy = (Functional)KerasRegistry.Deserialize(config);
        copy.SetWeights(model.GetWeights());
        Tensor[] values = [GradientCheck.Random(28, -1, 1, 2, 4, 3), GradientCheck.Random(29, -1, 1, 2, 5), GradientCheck.Random(30, -1, 1, 2, 5)];
        TensorAssert.Close(model.ApplyMany(values)[0], copy.ApplyMany(values)[0], 1e-6f, 1e-6f);
    }

    // ---------------------------------------------------------------- user-written cells

    [Fact]
    public void AUserWrittenCellTrainsWithFitAndItsGradientsPassFiniteDifferences()
    {
        var rnn = new RNN(new LeakyCell(3), returnSequences: true);
        var x = GradientCheck.Random(31, -1, 1, 2, 3, 2);
        GradientCheck.Check(xs => rnn.Apply(xs[0]), [x], name: "leaky cell");
        var weights = GradientCheck.Random(32, -1, 1, 2, 3, 3);
        GradientCheck.CheckWeights(() => Runtime.Ops.Sum(Runtime.Ops.Multiply(rnn.Apply(x), weights)), rnn.TrainableWeights, name: "leaky cell");
        Assert.Equal(["kernel", "recurrent_kernel", "leak"], rnn.Weights.Select(w => w.Name));

        // The task: the running mean of the first feature, which the leak learns to carry.
        var inputs = GradientCheck.Random(33, -1, 1, 32, 5, 2);
        var sums = inputs.ToArray();
        var targets = new float[32];
        for (var b = 0; b < 32; b++)
        {
            for (var t = 0; t < 5; t++) targets[b] += sums[(b * 5 + t) * 2] / 5;
        }
        var model = new Sequential([new InputLayer(new Shape(5, 2)), new RNN(new LeakyCell(4)), new Dense(1)]);
        model.Compile(new Adam(learningRate: 0.05f), "mse");
        var history = model.Fit(inputs, Tensor.FromArray(targets, 32, 1), epochs: 15, batchSize: 8, verbose: 0, shuffle: false);
        Assert.True(history["loss"][^1] < 0.5 * history["loss"][0], $"loss {history["loss"][0]:G4} -> {history["loss"][^1]:G4}");
    }

    // ---------------------------------------------------------------- masking end to end

    [Fact]
    public void AMaskedSequenceModelTrainsAndSkipsPaddingAsAManualComputation()
    {
        var embedding = new Embedding(12, 3, maskZero: true);
        var lstm = new LSTM(4);
        var dense = new Dense(1, activation: "sigmoid");
        var model = new Sequential([new InputLayer(new Shape(6), dtype: DType.Int32), embedding, lstm, dense]);
        // Label: does token 1 come before token 2? Zeros are padding, anywhere in the sequence.
        var rng = new Random(5);
        var tokens = new int[64 * 6];
        var labels = new float[64];
        for (var b = 0; b < 64; b++)
        {
            for (var t = 0; t < 6; t++) tokens[b * 6 + t] = rng.Next(3) == 0 ? 0 : rng.Next(1, 12);
            var one = Array.IndexOf(tokens, 1, b * 6, 6);
            var two = Array.IndexOf(tokens, 2, b * 6, 6);
            labels[b] = one >= 0 && (two < 0 || one < two) ? 1f : 0f;
        }
        var x = Tensor.FromArray(tokens, 64, 6);
        model.Compile(new Adam(learningRate: 0.02f), "binary_crossentropy");
        var history = model.Fit(x, Tensor.FromArray(labels, 64, 1), epochs: 4, batchSize: 16, verbose: 0, shuffle: false);
        Assert.True(history["loss"][^1] < history["loss"][0], $"loss {history["loss"][0]:G4} -> {history["loss"][^1]:G4}");

        // The masked model equals the LSTM run on each sample's tokens with the padding removed.
        var predictions = model.Predict(x, verbose: 0).ToArray();
        var table = embedding.GetWeights()[0].ToArray();
        for (var b = 0; b < 8; b++)
        {
            var kept = tokens.Skip(b * 6).Take(6).Where(v => v != 0).ToArray();
            if (kept.Length == 0) continue;
            var rows = kept.SelectMany(v => table.Skip(v * 3).Take(3)).ToArray();
            var expected = dense.Apply(lstm.Apply(Tensor.FromArray(rows, 1, kept.Length, 3))).ToArray()[0];
            Assert.True(Math.Abs(expected - predictions[b]) < 1e-5f, $"sample {b}: masked {predictions[b]}, manual {expected}");
        }
    }

    [Fact]
    public void ALayerThatDoesNotSupportMasksRejectsAMaskedInput()
    {
        var model = new Sequential([new InputLayer(new Shape(4), dtype: DType.Int32), new Embedding(5, 2, maskZero: true), new Flatten(name: "flat"), new Dense(1)]);
        var e = Assert.Throws<InvalidOperationException>(() => model.Predict(Tensor.FromArray(new[] { 1, 2, 0, 0 }, 1, 4), verbose: 0));
        Assert.Contains("Layer flat does not support masking, but was passed an input_mask", e.Message);
        // A Lambda drops the mask, as Keras's does; without a mask nothing is rejected.
        var lambda = new Sequential([new InputLayer(new Shape(4), dtype: DType.Int32), new Embedding(5, 2, maskZero: true), new Lambda(t => Runtime.Ops.Multiply(t, Tensor.Scalar(2f))), new Flatten()]);
        Assert.Equal(new Shape(1, 8), lambda.Predict(Tensor.FromArray(new[] { 1, 2, 0, 0 }, 1, 4), verbose: 0).Shape);
        Assert.Equal(new Shape(1, 8), new Flatten().Apply(Tensor.Ones(1, 4, 2)).Shape);
    }

    /// <summary>A user-written cell with its own weights: h' = leak·h + (1 - leak)·tanh(x·kernel + h·recurrent_kernel).</summary>
    private sealed class LeakyCell(int units) : RecurrentCell
    {
        private Variable? _kernel;
        private Variable? _recurrentKernel;
        private Variable? _leak;

        public override IReadOnlyList<int> StateSize => [units];

        public override int OutputSize => units;

        public override void Build(Shape inputShape)
        {
            _kernel = AddWeight(new Shape(inputShape[-1], units), name: "kernel");
            _recurrentKernel = AddWeight(new Shape(units, units), "orthogonal", name: "recurrent_kernel");
            _leak = AddWeight(new Shape(units), "random_uniform", name: "leak");
        }

        public override (Tensor Output, IReadOnlyList<Tensor> States) Call(Tensor inputs, IReadOnlyList<Tensor> states, bool training)
        {
            var h = states[0];
            var candidate = Runtime.Ops.Tanh(Runtime.Ops.Add(Runtime.Ops.MatMul(inputs, _kernel!), Runtime.Ops.MatMul(h, _recurrentKernel!)));
            var output = Runtime.Ops.Add(Runtime.Ops.Multiply(_leak!, h), Runtime.Ops.Multiply(Runtime.Ops.Subtract(Tensor.Scalar(1f), _leak!), candidate));
            return (output, [output]);
        }
    }

    /// <summary>
    /// An attention-style cell (the seed's "external constants"): at each step the state queries a constant memory
    /// (batch, M, d) and the attended context enters the update. Build sees the step's shape, then the memory's.
    /// </summary>
    private sealed class AttentionCell(int units, string? name = null) : RecurrentCell(name: name)
    {
        private Variable? _kernel;
        private Variable? _recurrentKernel;
        private Variable? _query;
        private Variable? _contextKernel;
        private Variable? _bias;

        public override string ClassName => "Tests>AttentionCell";

        public override IReadOnlyList<int> StateSize => [units];

        public override int OutputSize => units;

        public override void Build(IReadOnlyList<Shape> inputShapes)
        {
            if (inputShapes.Count != 2)
                throw new ArgumentException($"AttentionCell reads one constant, its memory; got {inputShapes.Count - 1}.");
            var depth = inputShapes[1][-1];
            _kernel = AddWeight(new Shape(inputShapes[0][-1], units), name: "kernel");
            _recurrentKernel = AddWeight(new Shape(units, units), name: "recurrent_kernel");
            _query = AddWeight(new Shape(units, depth), name: "query");
            _contextKernel = AddWeight(new Shape(depth, units), name: "context_kernel");
            _bias = AddWeight(new Shape(units), "zeros", name: "bias");
        }

        public override (Tensor Output, IReadOnlyList<Tensor> States) Call(Tensor inputs, IReadOnlyList<Tensor> states, bool training) =>
            throw new InvalidOperationException("AttentionCell needs its memory as a constant.");

        public override (Tensor Output, IReadOnlyList<Tensor> States) Call(Tensor inputs, IReadOnlyList<Tensor> states, IReadOnlyList<Tensor> constants, bool training)
        {
            var (memory, h) = (constants[0], states[0]);
            var query = Runtime.Ops.ExpandDims(Runtime.Ops.MatMul(h, _query!), 1);
            var attention = Runtime.Ops.Softmax(Runtime.Ops.Sum(Runtime.Ops.Multiply(memory, query), axis: -1));
            var context = Runtime.Ops.Sum(Runtime.Ops.Multiply(memory, Runtime.Ops.ExpandDims(attention, -1)), axis: 1);
            var z = Runtime.Ops.Add(Runtime.Ops.MatMul(inputs, _kernel!), Runtime.Ops.MatMul(h, _recurrentKernel!));
            var output = Runtime.Ops.Tanh(Runtime.Ops.Add(Runtime.Ops.Add(z, Runtime.Ops.MatMul(context, _contextKernel!)), _bias!));
            return (output, [output]);
        }

        public override JsonObject GetConfig()
        {
            var config = base.GetConfig();
            config["units"] = units;
            return config;
        }
    }
}
