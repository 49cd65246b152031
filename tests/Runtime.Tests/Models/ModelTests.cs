using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Models;

public class ModelTests
{
    private static KerasTensor Input(params int[] shape) => InputLayer.Create(new Shape(shape));

    /// <summary>Plain gradient descent with a tape: the training loop before Fit exists.</summary>
    private static float Train(Layer model, Func<Tensor> loss, int steps, float learningRate)
    {
        var last = float.NaN;
        for (var step = 0; step < steps; step++)
        {
            var weights = model.TrainableWeights;
            Tensor[] grads;
            using (var tape = new GradientTape())
            {
                var l = loss();
                last = l.Item();
                grads = tape.Gradient(l, weights);
            }
            for (var i = 0; i < weights.Count; i++) weights[i].AssignSub(grads[i] * learningRate);
        }
        return last;
    }

    private static Tensor Mse(Tensor a, Tensor b) => Runtime.Ops.Mean(Runtime.Ops.Square(a - b));

    [Fact]
    public void SequentialAddPopAndLearnsALinearMap()
    {
        var model = new Sequential(name: "seq");
        Assert.Same(model, model.Add(Input(3)).Add(new Dense(8, activation: "tanh")).Add(new Dense(5)));
        Assert.Equal(2, model.Layers.Count);
        var popped = model.Pop();
        Assert.Equal(5, ((Dense)popped).Units);
        model.Add(new Dense(1));
        Assert.Equal(new Shape(-1, 1), model.Graph!.Outputs[0].Shape);
        Assert.Equal(3 * 8 + 8 + 8 + 1, model.CountParams());

        var x = GradientCheck.Random(10, -1, 1, 64, 3);
        var y = Runtime.Ops.Sum(x * Tensor.FromArray([0.5f, -1f, 2f], 3), axis: 1, keepDims: true);
        var before = Mse(model.Apply(x), y).Item();
        var after = Train(model, () => Mse(model.Apply(x, training: true), y), steps: 300, learningRate: 0.1f);
        Assert.True(after < before * 0.05f, $"loss went from {before} to {after}");
    }

    [Fact]
    public void SequentialWithoutInputBuildsOnFirstCall()
    {
        var model = new Sequential([new Dense(4), new Dense(2)]);
        Assert.False(model.Built);
        Assert.Null(model.Graph);
        var y = model.Apply(Tensor.Ones(3, 6));
        Assert.True(model.Built);
        Assert.Equal(new Shape(3, 2), y.Shape);
        Assert.Equal(new Shape(-1, 6), model.InputLayer!.BatchShape);
        Assert.Equal(6 * 4 + 4 + 4 * 2 + 2, model.CountParams());
    }

    [Fact]
    public void MlpParameterCountMatchesKeras()
    {
        var model = new Sequential([new InputLayer(new Shape(784)), new Dense(512, "relu"), new Dense(512, "relu"), new Dense(10, "softmax")]);
        Assert.Equal(669_706, model.CountParams());
    }

    [Fact]
    public void FunctionalTwoInputsTwoOutputsWithASharedLayerLearns()
    {
        var a = Input(4);
        var b = Input(4);
        var shared = new Dense(6, activation: "tanh", name: "shared");
        var ha = shared.Apply(a);
        var hb = shared.Apply(b);
        var sum = new Dense(1, name: "sum_head").Apply(Concat(ha, hb));
        var diff = new Dense(1, name: "diff_head").Apply(Concat(ha, hb));
        var model = new Functional([a, b], [sum, diff], name: "two_by_two");

        Assert.Equal(2, shared.InboundNodes.Count);
        Assert.Equal(6 * 4 + 6 + (12 + 1) * 2, model.CountParams()); // shared weights counted once
        Assert.Equal(2, model.InputNames.Distinct().Count());
        Assert.All(model.InputNames, n => Assert.StartsWith("input_layer", n));
        Assert.Equal(["sum_head", "diff_head"], model.OutputNames);

        var xa = GradientCheck.Random(20, -1, 1, 64, 4);
        var xb = GradientCheck.Random(21, -1, 1, 64, 4);
        var ta = Runtime.Ops.Sum(xa + xb, axis: 1, keepDims: true) * 0.25f;
        var tb = Runtime.Ops.Sum(xa - xb, axis: 1, keepDims: true) * 0.25f;
        Tensor Loss()
        {
            var outs = model.ApplyMany([xa, xb], training: true);
            return Mse(outs[0], ta) + Mse(outs[1], tb);
        }
        var before = Loss().Item();
        var after = Train(model, Loss, steps: 300, learningRate: 0.1f);
        Assert.True(after < before * 0.1f, $"loss went from {before} to {after}");
    }

    private static KerasTensor Concat(KerasTensor x, KerasTensor y) => new Runtime.Layers.Merge.Concatenate().Apply([x, y]);

    /// <summary>A subclassed model: layers held in fields, tracked without registration.</summary>
    private sealed class TwoLayerNet : Model
    {
        private readonly Dense _hidden = new(16, activation: "tanh");
        private readonly Dense _out = new(1);

        protected internal override Tensor Call(Tensor inputs, bool training, Tensor? mask) => _out.Apply(_hidden.Apply(inputs));
    }

    [Fact]
    public void SubclassedModelTracksItsLayersAndLearns()
    {
        var model = new TwoLayerNet();
        var x = GradientCheck.Random(30, -1, 1, 64, 2);
        var y = Runtime.Ops.Sum(x * Tensor.FromArray([1f, -0.5f], 2), axis: 1, keepDims: true) + 0.3f;
        model.Apply(x);
        Assert.Equal(4, model.TrainableWeights.Count);
        Assert.Equal(2 * 16 + 16 + 16 + 1, model.CountParams());
        Assert.Equal(2, model.Layers.Count);
        var before = Mse(model.Apply(x), y).Item();
        var after = Train(model, () => Mse(model.Apply(x, training: true), y), steps: 300, learningRate: 0.1f);
        Assert.True(after < before * 0.05f, $"loss went from {before} to {after}");

        model.Trainable = false;
        Assert.Empty(model.TrainableWeights);
        Assert.Equal(4, model.NonTrainableWeights.Count);
    }

    [Fact]
    public void IntermediateOutputsMakeAFeatureExtractorAndModelsNest()
    {
        var input = Input(5);
        var h = new Dense(3, activation: "relu", name: "features").Apply(input);
        var output = new Dense(2, name: "logits").Apply(h);
        var model = new Functional(input, output);
        var extractor = new Functional(model.Inputs, model.GetLayer("features").Output);
        var x = GradientCheck.Random(40, -1, 1, 4, 5);
        var features = extractor.Apply(x);
        Assert.Equal(new Shape(4, 3), features.Shape);
        TensorAssert.Close(model.GetLayer("features").Apply(x), features);

        // The model as a layer of another model shares its weights.
        var outer = new Sequential([new InputLayer(new Shape(5)), model, new Dense(1)]);
        Assert.Equal(model.CountParams() + 3, outer.CountParams());
        Assert.Equal(new Shape(4, 1), outer.Apply(x).Shape);
        Assert.Throws<ArgumentException>(() => model.GetLayer("nope"));
        Assert.Same(model.GetLayer("logits"), model.GetLayer(2));
    }

    [Fact]
    public void FunctionalInputShapeMismatchIsAClearError()
    {
        var input = Input(5);
        var model = new Functional(input, new Dense(2).Apply(input), name: "m");
        var e = Assert.Throws<ArgumentException>(() => model.Apply(Tensor.Ones(2, 6)));
        Assert.Contains("model 'm'", e.Message);
        Assert.Contains("(None, 5)", e.Message);
        Assert.Contains("(2, 6)", e.Message);
    }
}
