using System.Text.Json;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Layers.Merge;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

public class MergeLayersTests
{
    private const string File = "merge_norm_layers.json";

    private static readonly HashSet<string> MergeOps = ["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot"];

    public static IEnumerable<object[]> Cases =>
        ReferenceCases.Names(File).Where(row => MergeOps.Contains(ReferenceCases.Get(File, (string)row[0]).Op));

    private static Layer Create(ReferenceCase c) => c.Op switch
    {
        "Add" => new Add(),
        "Subtract" => new Subtract(),
        "Multiply" => new Multiply(),
        "Average" => new Average(),
        "Maximum" => new Maximum(),
        "Minimum" => new Minimum(),
        "Concatenate" => new Concatenate(c.Int("axis")),
        "Dot" => c.Args.GetProperty("axes").ValueKind == JsonValueKind.Array
            ? new Dot(c.Ints("axes"), c.Bool("normalize"))
            : new Dot(c.Int("axes"), c.Bool("normalize")),
        _ => throw new InvalidOperationException(c.Op),
    };

    /// <summary>The layer inputs and, per input, its mask (the case lists the masked inputs' indices; their masks follow the inputs).</summary>
    private static (Tensor[] Inputs, Tensor?[] Masks) Split(ReferenceCase c)
    {
        var all = c.Inputs;
        var masked = c.Has("masks") ? c.Ints("masks") : [];
        var inputs = all[..^masked.Length];
        var masks = new Tensor?[inputs.Length];
        for (var i = 0; i < masked.Length; i++) masks[masked[i]] = all[inputs.Length + i];
        return (inputs, masks);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var (inputs, masks) = Split(c);
        for (var i = 0; i < inputs.Length; i++) inputs[i].KerasMask = masks[i];
        var layer = Create(c);
        var y = layer.Apply(inputs);
        var expected = c.Outputs;
        TensorAssert.Close(expected[0], y, rtol: 1e-5f, atol: 1e-5f, because: name);
        if (expected.Length > 1)
            Assert.Equal(expected[1].ToArray(), Runtime.Ops.NotEqual(y.KerasMask!, 0f).ToArray());
        else
            Assert.Null(y.KerasMask);
        Assert.Equal(y.Shape, layer.ComputeOutputShape(inputs.Select(t => t.Shape).ToArray())[0]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var (inputs, masks) = Split(c);
        var layer = Create(c);
        // Maximum and minimum have kinks where inputs meet: a smaller step keeps the differences on one side.
        var eps = c.Op is "Maximum" or "Minimum" ? 1e-3f : 1e-2f;
        GradientCheck.Check(xs => layer.Invoke(xs, false, masks)[0], inputs, eps: eps, name: name);
    }

    [Fact]
    public void SymbolicApplicationInfersShapesWithUnknownBatch()
    {
        var a = InputLayer.Create(new Shape(3, 4));
        var b = InputLayer.Create(new Shape(4));
        Assert.Equal(new Shape(-1, 3, 4), new Add().Apply([a, b]).Shape);
        Assert.Equal(new Shape(-1, 3, 4), new Maximum().Apply([a, InputLayer.Create(new Shape(1, 4))]).Shape);
        Assert.Equal(new Shape(-1, 3, 8), new Concatenate().Apply([a, a]).Shape);
        Assert.Equal(new Shape(-1, 6, 4), new Concatenate(axis: 1).Apply([a, a]).Shape);
        Assert.Equal(new Shape(-1, 3), new Dot(axes: [2, 1]).Apply([a, b]).Shape);
        Assert.Equal(new Shape(-1, 1), new Dot(axes: 1).Apply([b, b]).Shape);
        Assert.Equal(new Shape(5, 4), new Subtract().ComputeOutputShape([new Shape(-1, 4), new Shape(5, 4)])[0]);
        Assert.Equal(new Shape(-1, -1), new Add().ComputeOutputShape([new Shape(-1, -1), new Shape(-1, 4)])[0]);
    }

    [Fact]
    public void FunctionalModelWithMergesTrainsAndCountsParams()
    {
        var x1 = InputLayer.Create(new Shape(4));
        var x2 = InputLayer.Create(new Shape(4));
        var h1 = new Dense(6, activation: "tanh").Apply(x1);
        var h2 = new Dense(6, activation: "tanh").Apply(x2);
        var merged = new Concatenate().Apply([new Add().Apply([h1, h2]), new Multiply().Apply([h1, h2]), new Dot(axes: 1, normalize: true).Apply([h1, h2])]);
        var model = new Functional([x1, x2], new Dense(1).Apply(merged));
        Assert.Equal(new Shape(-1, 13), merged.Shape);
        Assert.Equal(2 * (4 * 6 + 6) + 13 + 1, model.CountParams());
        var a = GradientCheck.Random(50, -1, 1, 32, 4);
        var b = GradientCheck.Random(51, -1, 1, 32, 4);
        var target = Runtime.Ops.Sum(a * b, axis: 1, keepDims: true);
        Assert.Equal(new Shape(32, 1), model.Apply([a, b]).Shape);

        float Loss() => Runtime.Ops.Mean(Runtime.Ops.Square(model.Apply([a, b], training: true) - target)).Item();
        var before = Loss();
        for (var step = 0; step < 200; step++)
        {
            var weights = model.TrainableWeights;
            Tensor[] grads;
            using (var tape = new GradientTape())
            {
                var loss = Runtime.Ops.Mean(Runtime.Ops.Square(model.Apply([a, b], training: true) - target));
                grads = tape.Gradient(loss, weights);
            }
            for (var i = 0; i < weights.Count; i++) weights[i].AssignSub(grads[i] * 0.05f);
        }
        Assert.True(Loss() < before * 0.5f, $"loss went from {before} to {Loss()}");
    }

    [Fact]
    public void MasksAreOredWhenEveryInputHasOne()
    {
        var a = Tensor.Ones(2, 3, 2);
        var b = Tensor.Ones(2, 3, 2);
        a.KerasMask = Tensor.FromArray([1, 0, 0, 1, 1, 0], 2, 3);
        b.KerasMask = Tensor.FromArray([0, 0, 1, 1, 0, 0], 2, 3);
        Assert.Equal([1f, 0f, 1f, 1f, 1f, 0f], new Average().Apply([a, b]).KerasMask!.ToArray());
        Assert.Equal([1f, 0f, 1f, 1f, 1f, 0f], new Subtract().Apply([a, b]).KerasMask!.ToArray());
        b.KerasMask = null;
        Assert.Null(new Add().Apply([a, b]).KerasMask);
        Assert.Null(new Dot(axes: 2).Apply([a, a]).KerasMask);
        // Concatenate along the features: an unmasked input counts as valid everywhere.
        Assert.Equal([1f, 1f, 1f, 1f, 1f, 1f], new Concatenate().Apply([a, b]).KerasMask!.ToArray());
    }

    [Fact]
    public void BadInputsGiveErrorsNamingTheLayerAndShapes()
    {
        var sub = Assert.Throws<ArgumentException>(() => new Subtract(name: "diff").Apply([Tensor.Ones(2, 3), Tensor.Ones(2, 3), Tensor.Ones(2, 3)]));
        Assert.Contains("'diff'", sub.Message);
        Assert.Contains("exactly 2 inputs", sub.Message);

        var shapes = Assert.Throws<ArgumentException>(() => new Add(name: "plus").Apply([Tensor.Ones(2, 3), Tensor.Ones(2, 4)]));
        Assert.Contains("'plus'", shapes.Message);
        Assert.Contains("incompatible shapes", shapes.Message);
        Assert.Contains("(3,) and (4,)", shapes.Message);

        var batch = Assert.Throws<ArgumentException>(() => new Maximum().Apply([Tensor.Ones(2, 3), Tensor.Ones(5, 3)]));
        Assert.Contains("different batch sizes", batch.Message);
        Assert.Contains("[(2, 3), (5, 3)]", batch.Message);

        var concat = Assert.Throws<ArgumentException>(() => new Concatenate(name: "cat").Apply([InputLayer.Create(new Shape(3, 4)), InputLayer.Create(new Shape(2, 5))]));
        Assert.Contains("'cat'", concat.Message);
        Assert.Contains("matching shapes except for the concatenation axis", concat.Message);
        Assert.Contains("[(None, 3, 4), (None, 2, 5)]", concat.Message);

        var dot = Assert.Throws<ArgumentException>(() => new Dot(axes: -1).Apply([Tensor.Ones(2, 3), Tensor.Ones(2, 4)]));
        Assert.Contains("axis values 3 (at axis 1) != 4 (at axis 1)", dot.Message);
        Assert.Contains("axis 0", Assert.Throws<ArgumentException>(() => new Dot(axes: 0).Apply([Tensor.Ones(2, 3), Tensor.Ones(2, 3)])).Message);
        Assert.Contains("2 inputs", Assert.Throws<ArgumentException>(() => new Dot(axes: 1).Apply([Tensor.Ones(2, 3)])).Message);
        Assert.Contains("rank < 2", Assert.Throws<ArgumentException>(() => new Dot(axes: 1).Apply([Tensor.Ones(3), Tensor.Ones(3)])).Message);
        Assert.Contains("two elements", Assert.Throws<ArgumentException>(() => new Dot(axes: [1, 2, 3])).Message);
    }

    [Fact]
    public void ConfigsRoundTripThroughTheRegistry()
    {
        Layer[] layers =
        [
            new Add(name: "a"), new Subtract(), new Multiply(), new Average(), new Maximum(), new Minimum(),
            new Concatenate(axis: 1), new Dot(axes: -1), new Dot(axes: [1, 2], normalize: true),
        ];
        foreach (var layer in layers) KerasConfigAssert.RoundTrips(layer);
        Assert.Equal(1, (int)new Concatenate(axis: 1).GetConfig()["axis"]!);
        var dot = new Dot(axes: [1, 2], normalize: true).GetConfig();
        Assert.Equal("[1,2]", dot["axes"]!.ToJsonString());
        Assert.True((bool)dot["normalize"]!);
        Assert.Equal("-1", new Dot(axes: -1).GetConfig()["axes"]!.ToJsonString());
    }

    [Fact]
    public void ConcatenateConfigMatchesKeras3()
    {
        // The layer config Keras 3.15 writes for keras.layers.Concatenate(name="concat") (shared Keras 3 fixture functional_2in_2out).
        const string keras = """{"name": "concat", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}, "axis": -1}""";
        var config = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(keras)!;
        var layer = (Concatenate)Saving.KerasRegistry.Create("keras.layers", "Concatenate", config);
        Assert.Equal("concat", layer.Name);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(config, layer.GetConfig()), layer.GetConfig().ToJsonString());
    }
}
