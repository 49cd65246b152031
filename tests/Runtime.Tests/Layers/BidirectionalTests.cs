using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Layers.Recurrent;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

public class BidirectionalTests
{
    private const string File = "bidirectional.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    private static RNN Make(string kind, int units, bool returnSequences, bool returnState) => kind == "lstm"
        ? new LSTM(units, returnSequences: returnSequences, returnState: returnState)
        : new GRU(units, returnSequences: returnSequences, returnState: returnState);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var inputs = c.Inputs;
        var mergeMode = c.Args.GetProperty("merge_mode").GetString();
        var layer = new Bidirectional(Make(c.Op, c.Int("units"), c.Bool("return_sequences"), returnState: true), mergeMode);
        var x = inputs[0];
        layer.ApplyMany([x]);
        // Keras order: the forward layer's kernel, recurrent kernel and bias, then the backward layer's.
        layer.SetWeights(inputs[1..7]);
        if (c.Bool("masked")) x.KerasMask = inputs[7];
        var outputs = layer.ApplyMany([x]);
        var expected = c.Outputs;
        Assert.Equal(expected.Length, outputs.Count);
        for (var i = 0; i < expected.Length; i++) TensorAssert.Close(expected[i], outputs[i], 1e-5f, 1e-5f, $"{name} output {i}");
        Assert.Equal(layer.ComputeOutputShape([x.Shape]), outputs.Select(o => o.Shape).ToArray());
    }

    [Fact]
    public void InnerLayersAreNamedAndOrderedAsKeras()
    {
        var layer = new Bidirectional(new LSTM(2, name: "enc"), mergeMode: "sum");
        layer.Apply(Tensor.Ones(1, 3, 4));
        Assert.Equal("forward_enc", layer.ForwardLayer.Name);
        Assert.Equal("backward_enc", layer.BackwardLayer.Name);
        Assert.False(layer.ForwardLayer.GoBackwards);
        Assert.True(layer.BackwardLayer.GoBackwards);
        Assert.Equal([.. layer.ForwardLayer.Weights, .. layer.BackwardLayer.Weights], layer.Weights);
        Assert.Equal(["kernel", "recurrent_kernel", "bias", "kernel", "recurrent_kernel", "bias"], layer.Weights.Select(w => w.Name));
        Assert.Equal(2 * (4 * 2 * (4 + 2 + 1)), layer.CountParams());
    }

    [Fact]
    public void MaskPassesThroughWithReturnSequences()
    {
        var tokens = Tensor.FromArray(new[] { 3, 1, 0, 0, 2, 4, 5, 0 }, 2, 4);
        var embedding = new Embedding(6, 3, maskZero: true);
        var y = new Bidirectional(new GRU(2, returnSequences: true)).Apply(embedding.Apply(tokens));
        Assert.Equal(new Shape(2, 4, 4), y.Shape);
        Assert.NotNull(y.KerasMask);
        Assert.Equal(embedding.Apply(tokens).KerasMask!.ToIntArray().Select(v => v != 0), y.KerasMask!.ToIntArray().Select(v => v != 0));
    }

    [Theory]
    [InlineData("lstm", "concat", true, false)]
    [InlineData("lstm", "mul", false, true)]
    [InlineData("gru", "ave", true, true)]
    [InlineData("gru", null, false, false)]
    public void GradientsMatchFiniteDifferences(string kind, string? mergeMode, bool returnSequences, bool masked)
    {
        var layer = new Bidirectional(Make(kind, 2, returnSequences, returnState: false), mergeMode);
        var x = GradientCheck.Random(1, -1, 1, 2, 3, 2);
        var mask = Tensor.FromArray(new[] { 1, 0, 1, 1, 1, 0 }, 2, 3);
        layer.ApplyMany([x]);
        GradientCheck.Check(xs =>
        {
            if (masked) xs[0].KerasMask = mask;
            var outputs = layer.ApplyMany([xs[0]]);
            // With mergeMode null both outputs count: their shapes match, so a weighted sum covers both.
            return outputs.Count == 1 ? outputs[0] : Runtime.Ops.Add(outputs[0], Runtime.Ops.Multiply(outputs[1], Tensor.Scalar(0.7f)));
        }, [x], name: $"{kind} {mergeMode}");
    }

    [Fact]
    public void ConfigRoundTripsAsKeras3()
    {
        var layer = new Bidirectional(new LSTM(3, returnSequences: true, name: "seq"), mergeMode: null, name: "bi");
        var envelope = KerasRegistry.Serialize(layer);
        var config = (JsonObject)envelope["config"]!;
        Assert.Equal("Bidirectional", (string?)envelope["class_name"]);
        Assert.True(config.ContainsKey("merge_mode"));
        Assert.Null(config["merge_mode"]);
        Assert.Equal("LSTM", (string?)config["layer"]!["class_name"]);
        Assert.Equal("forward_seq", (string?)config["layer"]!["config"]!["name"]);
        Assert.False(config.ContainsKey("backward_layer"));

        var restored = (Bidirectional)KerasRegistry.Deserialize(JsonNode.Parse(envelope.ToJsonString())!.AsObject());
        Assert.Null(restored.MergeMode);
        Assert.Equal("forward_seq", restored.ForwardLayer.Name);
        // As in Keras 3, the saved config holds the forward layer, whose name the backward copy keeps after its prefix.
        Assert.Equal("backward_forward_seq", restored.BackwardLayer.Name);
        Assert.True(restored.ReturnSequences);
        Assert.Equal(config.ToJsonString(), restored.GetConfig().ToJsonString());

        var given = new Bidirectional(new GRU(2, name: "f"), "sum", new GRU(2, goBackwards: true, name: "b"));
        var givenConfig = given.GetConfig();
        Assert.Equal("b", (string?)givenConfig["backward_layer"]!["config"]!["name"]);
        var restoredGiven = (Bidirectional)KerasRegistry.Deserialize(JsonNode.Parse(KerasRegistry.Serialize(given).ToJsonString())!.AsObject());
        Assert.Equal("b", restoredGiven.BackwardLayer.Name);
        Assert.Equal("sum", restoredGiven.MergeMode);
    }

    [Fact]
    public void FunctionalModelWithInitialStatesMatchesEagerCalls()
    {
        var x = InputLayer.Create(new Shape(4, 3));
        var states = Enumerable.Range(0, 4).Select(_ => InputLayer.Create(new Shape(2))).ToArray();
        var layer = new Bidirectional(new LSTM(2, returnSequences: true, returnState: true));
        var outputs = layer.ApplyMany([x, .. states]);
        Assert.Equal([new Shape(-1, 4, 4), new Shape(-1, 2), new Shape(-1, 2), new Shape(-1, 2), new Shape(-1, 2)], outputs.Select(o => o.Shape));
        var model = new Functional([x, .. states], outputs);
        var xv = GradientCheck.Random(5, -1, 1, 2, 4, 3);
        var sv = Enumerable.Range(0, 4).Select(i => GradientCheck.Random(6 + i, -1, 1, 2, 2)).ToArray();
        var actual = model.ApplyMany([xv, .. sv]);
        // The wrapper's initial states are the forward layer's [h, c] then the backward layer's.
        var forward = layer.ForwardLayer.ApplyMany(xv, sv[..2]);
        var backward = layer.BackwardLayer.ApplyMany(xv, sv[2..]);
        TensorAssert.Close(forward[1], actual[1], 1e-6f, 1e-6f);
        TensorAssert.Close(backward[2], actual[4], 1e-6f, 1e-6f);
        var count = Assert.Throws<ArgumentException>(() => layer.ApplyMany([xv, sv[0], sv[1]]));
        Assert.Contains("'initialState' must hold the forward layer's 2 state(s) then the backward layer's 2; got 2", count.Message);
    }

    [Fact]
    public void ResetStatesReachesBothDirectionsOfAStatefulLayer()
    {
        var x = GradientCheck.Random(50, -1, 1, 2, 3, 2);
        var layer = new Bidirectional(new GRU(3, returnSequences: true, stateful: true), mergeMode: null, name: "bi");
        var first = layer.ApplyMany([x]);
        Assert.NotNull(layer.ForwardLayer.States);
        Assert.NotNull(layer.BackwardLayer.States);
        // The second call starts from the first call's final states, in each direction.
        var carried = layer.ApplyMany([x]);
        Assert.NotEqual(first[0].ToArray(), carried[0].ToArray());
        Assert.NotEqual(first[1].ToArray(), carried[1].ToArray());
        layer.ResetStates();
        Assert.Null(layer.ForwardLayer.States);
        Assert.Null(layer.BackwardLayer.States);
        var fresh = layer.ApplyMany([x]);
        for (var i = 0; i < 2; i++) TensorAssert.Equal(first[i], fresh[i]);

        // Numeric states: the forward layer's then the backward layer's, as initial states would be given.
        var h = GradientCheck.Random(51, -1, 1, 2, 3);
        var hBack = GradientCheck.Random(52, -1, 1, 2, 3);
        layer.ResetStates([h, hBack]);
        var set = layer.ApplyMany([x]);
        var stateless = new Bidirectional(new GRU(3, returnSequences: true), mergeMode: null);
        stateless.ApplyMany([x]);
        stateless.SetWeights(layer.GetWeights());
        var expected = stateless.ApplyMany([x, h, hBack]);
        for (var i = 0; i < 2; i++) TensorAssert.Close(expected[i], set[i], 1e-6f, 1e-6f);
        Assert.Throws<ArgumentException>(() => layer.ResetStates([h]));
        var e = Assert.Throws<InvalidOperationException>(() => stateless.ResetStates());
        Assert.Contains("not stateful", e.Message);
    }

    [Fact]
    public void InvalidArgumentsRaiseClearErrors()
    {
        var mode = Assert.Throws<ArgumentException>(() => new Bidirectional(new LSTM(2), mergeMode: "max"));
        Assert.Contains("invalid mergeMode 'max'", mode.Message);
        var direction = Assert.Throws<ArgumentException>(() => new Bidirectional(new LSTM(2), backwardLayer: new LSTM(2)));
        Assert.Contains("different goBackwards", direction.Message);
    }

    [Fact]
    public void MaskedSequenceClassifierTrains()
    {
        // Label: whether token 1 appears before the padding; zeros pad the tail of each sequence.
        const int n = 32, steps = 6;
        var random = new Random(3);
        var tokens = new int[n * steps];
        var labels = new float[n];
        for (var i = 0; i < n; i++)
        {
            var length = random.Next(2, steps + 1);
            for (var t = 0; t < length; t++) tokens[i * steps + t] = random.Next(1, 5);
            labels[i] = tokens.AsSpan(i * steps, length).Contains(1) ? 1 : 0;
        }
        var x = Tensor.FromArray(tokens, n, steps);
        var y = Tensor.FromArray(labels, n, 1);
        var model = new Sequential([
            new Embedding(5, 4, maskZero: true),
            new Bidirectional(new LSTM(4, kernelInitializer: new Runtime.Initializers.GlorotUniform(seed: 1), recurrentInitializer: new Runtime.Initializers.Orthogonal(seed: 2))),
            new Dense(1, "sigmoid", kernelInitializer: new Runtime.Initializers.GlorotUniform(seed: 3))]);
        model.Compile(new Runtime.Optimizers.Adam(0.05), "binary_crossentropy");
        var before = model.Evaluate(x, y, verbose: 0)[0];
        model.Fit(x, y, batchSize: 16, epochs: 10, verbose: 0, shuffle: false);
        var after = model.Evaluate(x, y, verbose: 0)[0];
        Assert.True(after < 0.7 * before, $"loss {before} -> {after}");
    }
}
